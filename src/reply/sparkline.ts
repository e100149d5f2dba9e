const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A text sparkline: one block character per value, scaled from 0 to the largest value (or
 * `max` when given), so an empty queue reads as a flat `▁` line. A missing value is a space.
 *
 * @example
 *   sparkline([0, 1, 2, 4, 8]); // "▁▂▂▄█"
 *   sparkline([0, undefined, 0]); // "▁ ▁"
 */
export function sparkline(values: ReadonlyArray<number | undefined>, max?: number): string {
  const top = max ?? Math.max(0, ...values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
  return values
    .map((v) => {
      if (v === undefined || !Number.isFinite(v)) return ' ';
      if (top <= 0 || v <= 0) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.max(0, Math.round((v / top) * (BARS.length - 1))))];
    })
    .join('');
}

/**
 * Samples over [from, to] into `count` equal buckets, each the largest value in it (the worst
 * moment is what a supervisor looks for); a bucket without samples is undefined.
 *
 * @example
 *   bucketMax([{ at: 0, value: 1 }, { at: 10, value: 3 }], 0, 20, 2); // [1, 3]
 */
export function bucketMax(
  samples: ReadonlyArray<{ at: number; value: number | undefined }>,
  from: number,
  to: number,
  count: number,
): Array<number | undefined> {
  const out: Array<number | undefined> = new Array(count).fill(undefined);
  const width = (to - from) / count;
  for (const { at, value } of samples) {
    if (value === undefined || at < from || at > to) continue;
    const i = Math.min(count - 1, Math.floor((at - from) / width));
    out[i] = Math.max(out[i] ?? -Infinity, value);
  }
  return out;
}
