import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDayIndex } from '../../src/domain/day-index.js';

/** Two handles on one index (two replicas sharing Redis; the same object for memory). */
export interface DayIndexFixture {
  indexes: [ConversationDayIndex, ConversationDayIndex];
}

const HOUR = 3_600_000;

/** The behaviour every ConversationDayIndex keeps: what a day held, for its lifetime, seen by every replica. */
export function dayIndexContract(name: string, make: () => DayIndexFixture | Promise<DayIndexFixture>): void {
  describe(`${name} day index`, () => {
    let first: ConversationDayIndex;
    let second: ConversationDayIndex;
    let scope: string;
    let n = 0;
    beforeEach(async () => {
      [first, second] = (await make()).indexes;
      scope = `wolkvox:00${++n}:${Math.random().toString(36).slice(2, 6)}`;
    });

    it('knows nothing of a day never recorded', async () => {
      expect(await second.lookup(scope, ['2026-11-20'], '123')).toEqual([undefined]);
    });

    it('answers for each day asked, in order, whether it holds an id and when it was read', async () => {
      await first.record(scope, '2026-11-20', ['111', '222'], { scannedAt: 1_000, ttlMs: HOUR });
      await first.record(scope, '2026-11-21', [], { scannedAt: 2_000, ttlMs: HOUR });
      expect(await second.lookup(scope, ['2026-11-21', '2026-11-19', '2026-11-20'], '222')).toEqual([
        { holds: false, scannedAt: 2_000 },
        undefined,
        { holds: true, scannedAt: 1_000 },
      ]);
      expect(await second.lookup(`${scope}:other`, ['2026-11-20'], '222')).toEqual([undefined]);
    });

    it('replaces a day read again rather than adding to it', async () => {
      await first.record(scope, '2026-11-22', ['111'], { scannedAt: 1_000, ttlMs: HOUR });
      await first.record(scope, '2026-11-22', ['333'], { scannedAt: 5_000, ttlMs: HOUR });
      expect(await second.lookup(scope, ['2026-11-22'], '111')).toEqual([{ holds: false, scannedAt: 5_000 }]);
      expect(await second.lookup(scope, ['2026-11-22'], '333')).toEqual([{ holds: true, scannedAt: 5_000 }]);
    });

    it('holds a busy day of many thousand ids whole', async () => {
      const ids = Array.from({ length: 12_000 }, (_, i) => String(9_000_000 + i));
      await first.record(scope, '2026-11-18', ids, { scannedAt: 3_000, ttlMs: HOUR });
      expect(await second.lookup(scope, ['2026-11-18'], '9000000')).toEqual([{ holds: true, scannedAt: 3_000 }]);
      expect(await second.lookup(scope, ['2026-11-18'], '9011999')).toEqual([{ holds: true, scannedAt: 3_000 }]);
      expect(await second.lookup(scope, ['2026-11-18'], '9012000')).toEqual([{ holds: false, scannedAt: 3_000 }]);
    });

    it('forgets a day once its lifetime is over', async () => {
      await first.record(scope, '2026-11-17', ['111'], { scannedAt: Date.now(), ttlMs: 300 });
      await vi.waitFor(async () => expect(await second.lookup(scope, ['2026-11-17'], '111')).toEqual([undefined]), { timeout: 10_000, interval: 50 });
    });
  });
}
