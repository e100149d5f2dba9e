import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleStore } from '../../src/rules/rule-store.js';

export interface RuleStoreFixture {
  store: RuleStore;
  cleanup(): Promise<void>;
}

const change = (ruleId: string, overrides: Record<string, unknown>, by = 'Ana') => ({
  ruleId,
  overrides,
  enabled: true,
  by,
  at: '2026-11-23T15:00:00.000Z',
  change: 'above 10 → 15',
});

/** The behaviour every RuleStore keeps, run against each implementation. */
export function ruleStoreContract(name: string, make: () => Promise<RuleStoreFixture>): void {
  describe(`${name} rule store`, () => {
    let fixture: RuleStoreFixture;
    let store: RuleStore;
    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('knows no versions of a rule never changed', async () => {
      expect(await store.latest()).toEqual(new Map());
      expect(await store.history('bogota-queue')).toEqual([]);
    });

    it('numbers versions from 1 and keeps them all, the latest of each rule at hand', async () => {
      const v1 = await store.append(change('bogota-queue', { above: 15 }), 0);
      const v2 = await store.append(change('bogota-queue', { above: 20 }, 'Luis'), 1);
      await store.append(change('emea-wait', { for: '2m' }), 0);
      expect(v1).toMatchObject({ version: 1, overrides: { above: 15 } });
      expect(v2).toMatchObject({ version: 2, by: 'Luis' });
      expect((await store.history('bogota-queue')).map((v) => v.version)).toEqual([1, 2]);
      const latest = await store.latest();
      expect([...latest.keys()].sort()).toEqual(['bogota-queue', 'emea-wait']);
      expect(latest.get('bogota-queue')).toEqual(v2);
    });

    it('refuses a version written over one it did not see: two editors at once cannot both win', async () => {
      await store.append(change('bogota-queue', { above: 15 }), 0);
      const [a, b] = await Promise.all([
        store.append(change('bogota-queue', { above: 20 }, 'Ana'), 1),
        store.append(change('bogota-queue', { above: 30 }, 'Luis'), 1),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(await store.history('bogota-queue')).toHaveLength(2);
      expect(await store.append(change('bogota-queue', { above: 40 }), 0)).toBeUndefined();
    });

    it('gives copies: changing what it returned changes nothing stored', async () => {
      const v1 = await store.append(change('bogota-queue', { above: 15 }), 0);
      (v1!.overrides as Record<string, unknown>).above = 99;
      expect((await store.latest()).get('bogota-queue')?.overrides).toEqual({ above: 15 });
    });
  });
}
