import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS, type AskerLedger } from '../../src/quota/asker-ledger.js';

/**
 * Two handles on one ledger (two replicas sharing Redis; the same object for memory), on a clock
 * the suite moves. A charge is sent without waiting (fire and forget); both handles share one
 * connection, so the next read on either sees it.
 */
export interface LedgerFixture {
  ledgers: [AskerLedger, AskerLedger];
  clock: { now: number };
}

/** The behaviour every AskerLedger keeps: an hourly sliding count per asker, seen by every replica. */
export function askerLedgerContract(name: string, make: (clock: { now: number }) => LedgerFixture | Promise<LedgerFixture>): void {
  describe(`${name} asker ledger`, () => {
    const T = Date.parse('2026-11-23T15:00:00.000Z');
    let clock: { now: number };
    let one: AskerLedger;
    let two: AskerLedger;
    let asker: string;
    let n = 0;
    beforeEach(async () => {
      clock = { now: T };
      [one, two] = (await make(clock)).ledgers;
      asker = `slack:U0ANA${++n}${Math.random().toString(36).slice(2, 6)}`;
    });

    it('counts what an asker spent in the last hour, on every replica', async () => {
      expect(await two.spent(asker, 5)).toEqual({ used: 0 });
      one.charge(asker, 3);
      await one.spent(asker, 5); // the charge is on the wire before this read
      expect(await two.spent(asker, 5)).toEqual({ used: 3 });
    });

    it('says when the oldest request over the limit leaves the hour', async () => {
      one.charge(asker, 2);
      clock.now = T + 10 * 60_000;
      one.charge(asker, 2);
      const spent = await two.spent(asker, 3);
      expect(spent).toEqual({ used: 4, freeAt: T + HOUR_MS });
    });

    it('forgets requests older than an hour', async () => {
      one.charge(asker, 4);
      await one.spent(asker, 10);
      clock.now = T + HOUR_MS + 1;
      expect(await two.spent(asker, 10)).toEqual({ used: 0 });
    });

    it('keeps askers apart', async () => {
      one.charge(asker, 4);
      await one.spent(asker, 10);
      expect(await two.spent(`${asker}-other`, 10)).toEqual({ used: 0 });
    });
  });
}
