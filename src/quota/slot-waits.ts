/**
 * How long requests of each token have waited for a concurrency slot lately (a moving average
 * of the waits that got one), for a "try again in about N s" when an answer could not wait.
 *
 * @example
 *   waits.record('wolkvox:0032', 4_200);
 *   waits.retryInSeconds('wolkvox:0032', 30_000); // about 5
 */
export class SlotWaits {
  readonly #average = new Map<string, number>();

  record(token: string, waitedMs: number): void {
    const before = this.#average.get(token);
    this.#average.set(token, before === undefined ? waitedMs : before + 0.3 * (waitedMs - before));
  }

  /** Whole seconds, at least 5: the recent average wait, else `fallbackMs` (what the asker already waited). */
  retryInSeconds(token: string, fallbackMs: number): number {
    const ms = this.#average.get(token) ?? fallbackMs;
    return Math.max(5, Math.ceil(ms / 1000));
  }
}
