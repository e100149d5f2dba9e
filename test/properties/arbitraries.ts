import fc from 'fast-check';

/**
 * Building blocks for payloads as vendors send them: a field present, null, absent, or its
 * number written as a string; extra fields nobody documented.
 */

/** Absent (undefined, dropped from JSON), null, or the value. */
export function maybe<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
}

/** A whole number as a JSON number or as a string of digits. */
export function intOrString(min = 0, max = 500): fc.Arbitrary<number | string> {
  return fc.integer({ min, max }).chain((n) => fc.constantFrom<number | string>(n, String(n)));
}

/** Undocumented fields a vendor adds: they must pass through or be dropped, never break a read. */
export const extraFields = fc.dictionary(
  fc.constantFrom('x_new', 'tenant', 'meta', 'version', 'flags'),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })),
  { maxKeys: 2 },
);

/** Drops undefined keys, as JSON does. */
export function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Property runs per property: enough to find shape bugs, few enough to keep the suite fast. */
export const RUNS = { numRuns: 50 };
