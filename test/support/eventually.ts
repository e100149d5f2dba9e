/**
 * The one way tests and benches wait for a state: ask `check` again until it gives a value
 * (anything but undefined, null or false), then return that value. A check that throws (an
 * `expect` that does not hold yet, a server not yet listening) is asked again too.
 *
 * The time limit is a safety net so a broken run ends with a message naming what never came;
 * it is not an assertion about speed, so it is generous and the same everywhere. No vitest here:
 * benches run it under plain tsx.
 *
 * @example
 *   const leader = await eventually(() => leases.find((l) => l.isLeader()), 'a leader');
 *   await eventually(async () => (await gate.usage(token)).usedToday >= 3, 'a day count of 3');
 */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  { limitMs = 60_000, everyMs = 20 }: { limitMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: last try said ${lastError.message}` : '';
      throw new Error(`gave up after ${limitMs / 1000} s waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
