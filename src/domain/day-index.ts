import { LRUCache } from 'lru-cache';

/**
 * What a source remembers about the days it has read: which conversation ids each day's report
 * holds. A finished day never changes, so once read it answers "not here" without asking the
 * vendor again; the current day is recorded too, with the time it was read, for as long as that
 * reading is newer than what the caller already knows.
 *
 * The port is vendor-neutral (ids are plain strings, days `YYYY-MM-DD` in the operation's zone);
 * adapters use it, the process creates it (Redis when configured, else memory).
 *
 * @example
 *   const [entry] = await index.lookup('wolkvox:0032', ['2024-05-13'], '8730044');
 *   if (entry && !entry.holds) { ... }   // that day was read and has no such conversation
 *   await index.record('wolkvox:0032', '2024-05-13', ids, { scannedAt: Date.now(), ttlMs: 8 * 86_400_000 });
 */
export interface ConversationDayIndex {
  /**
   * One answer per day, in the order asked: `undefined` when that day was never recorded (or
   * has been forgotten), else whether its ids include `id` and when it was read (ms since epoch).
   * Never throws: a store that cannot answer answers `undefined` (read the vendor instead).
   */
  lookup(scope: string, days: readonly string[], id: string): Promise<Array<DayEntry | undefined>>;
  /** Remembers that `day`'s report, read at `scannedAt`, holds exactly `ids`, for `ttlMs`. Never throws. */
  record(scope: string, day: string, ids: readonly string[], options: { scannedAt: number; ttlMs: number }): Promise<void>;
}

export interface DayEntry {
  holds: boolean;
  scannedAt: number;
}

/** A day with more ids than this is not remembered (it would cost more memory than it saves). */
export const MAX_IDS_PER_DAY = 200_000;

/**
 * The index of one process: for tests, the embedded default and as the fallback while Redis is
 * unreachable. Bounded by each entry's TTL (read against the injected clock) and by `maxDays`
 * entries (the least recently used dropped).
 */
export function createMemoryDayIndex(options: { now?: () => number; maxDays?: number } = {}): ConversationDayIndex {
  const now = options.now ?? Date.now;
  const maxDays = options.maxDays ?? 256;
  const days = new LRUCache<string, { ids: ReadonlySet<string>; scannedAt: number; expiresAt: number }>({ max: maxDays });

  return {
    async lookup(scope, wanted, id) {
      const at = now();
      return wanted.map((day) => {
        const key = `${scope}\u0000${day}`;
        const entry = days.get(key);
        if (!entry) return undefined;
        if (entry.expiresAt <= at) {
          days.delete(key);
          return undefined;
        }
        return { holds: entry.ids.has(id), scannedAt: entry.scannedAt };
      });
    },
    async record(scope, day, ids, { scannedAt, ttlMs }) {
      if (ids.length > MAX_IDS_PER_DAY || ttlMs <= 0) return;
      const key = `${scope}\u0000${day}`;
      days.set(key, { ids: new Set(ids), scannedAt, expiresAt: now() + ttlMs });
    },
  };
}
