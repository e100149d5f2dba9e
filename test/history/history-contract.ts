import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_QUEUES, RETENTION, type History } from '../../src/history/index.js';

export interface HistoryFixture {
  history: History;
  cleanup(): Promise<void>;
}

const T = Date.parse('2026-11-23T15:00:00.000Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(ms);

/** The behaviour every History keeps, run against each implementation. */
export function historyContract(name: string, make: () => Promise<HistoryFixture>): void {
  describe(`${name} history`, () => {
    let fixture: HistoryFixture;
    let history: History;
    beforeEach(async () => {
      fixture = await make();
      history = fixture.history;
    });
    afterEach(async () => fixture.cleanup());

    it('gives back what was recorded, oldest first, within the bounds asked (both included)', async () => {
      for (const m of [3, 1, 2, 0]) await history.record('bogota', 'Ventas', at(T + m * MINUTE), { 'queue.waiting': m, 'queue.longest_wait_seconds': m * 30 });
      const samples = await history.range('bogota', 'Ventas', at(T + MINUTE), at(T + 3 * MINUTE));
      expect(samples).toEqual([
        { at: T + MINUTE, figures: { 'queue.waiting': 1, 'queue.longest_wait_seconds': 30 } },
        { at: T + 2 * MINUTE, figures: { 'queue.waiting': 2, 'queue.longest_wait_seconds': 60 } },
        { at: T + 3 * MINUTE, figures: { 'queue.waiting': 3, 'queue.longest_wait_seconds': 90 } },
      ]);
    });

    it('keeps sources and queues apart, and matches queue names whatever their case', async () => {
      await history.record('bogota', 'Ventas', at(T), { 'queue.waiting': 4 });
      await history.record('bogota', ALL_QUEUES, at(T), { 'queue.waiting': 9 });
      await history.record('lima', 'Ventas', at(T), { 'queue.waiting': 1 });
      expect((await history.range('bogota', 'VENTAS', at(T), at(T))).map((s) => s.figures['queue.waiting'])).toEqual([4]);
      expect((await history.range('bogota', ALL_QUEUES, at(T), at(T))).map((s) => s.figures['queue.waiting'])).toEqual([9]);
      expect((await history.range('lima', 'ventas', at(T), at(T))).map((s) => s.figures['queue.waiting'])).toEqual([1]);
      expect(await history.range('bogota', 'Soporte', at(T - MINUTE), at(T + MINUTE))).toEqual([]);
    });

    it('replaces a sample recorded again at the same instant', async () => {
      await history.record('bogota', 'Ventas', at(T), { 'queue.waiting': 4 });
      await history.record('bogota', 'Ventas', at(T), { 'queue.waiting': 5 });
      expect(await history.range('bogota', 'Ventas', at(T - MINUTE), at(T + MINUTE))).toEqual([{ at: T, figures: { 'queue.waiting': 5 } }]);
    });

    it('keeps every sample of the last day, one per 5 minutes before that, and nothing past 8 days', async () => {
      const minutes = (start: number, count: number) => Array.from({ length: count }, (_, i) => start + i * MINUTE);
      const nineDaysAgo = minutes(T - 9 * 86_400_000, 30);
      const twoDaysAgo = minutes(T - 2 * 86_400_000, 30);
      const lastHour = minutes(T - 60 * MINUTE, 61);
      for (const ms of [...nineDaysAgo, ...twoDaysAgo, ...lastHour]) await history.record('bogota', 'Ventas', at(ms), { 'queue.waiting': ms % 97 });

      const all = await history.range('bogota', 'Ventas', at(T - 10 * 86_400_000), at(T));
      expect(all.filter((s) => s.at < T - RETENTION.keepMs)).toEqual([]);
      const thinned = all.filter((s) => s.at >= twoDaysAgo[0]! && s.at <= twoDaysAgo.at(-1)!);
      // 30 minutes starting on a slot boundary: 6 slots, the last sample of each kept.
      expect(thinned.map((s) => s.at)).toEqual([4, 9, 14, 19, 24, 29].map((i) => twoDaysAgo[i]!));
      expect(thinned.map((s) => s.figures['queue.waiting'])).toEqual([4, 9, 14, 19, 24, 29].map((i) => twoDaysAgo[i]! % 97));
      expect(all.filter((s) => s.at >= T - 60 * MINUTE).map((s) => s.at)).toEqual(lastHour);
    });
  });
}
