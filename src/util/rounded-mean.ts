/**
 * The mean of the defined values rounded to a whole number (vendors' seconds), undefined when
 * there are none, so a figure nothing carries is left out rather than shown as 0.
 *
 * @example
 *   roundedMean([10, undefined, 15]); // 13
 *   roundedMean([]); // undefined
 */
export function roundedMean(values: ReadonlyArray<number | undefined>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return undefined;
  return Math.round(present.reduce((a, b) => a + b, 0) / present.length);
}
