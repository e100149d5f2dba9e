import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatcherStore } from '../../src/watcher/store/store.js';
import type { AlertRecord, Delivery } from '../../src/watcher/model/types.js';

/** What a contract run needs: a fresh store and a way to clean up after it. */
export interface StoreFixture {
  store: WatcherStore;
  cleanup(): Promise<void>;
}

const base = Date.parse('2026-11-23T14:00:00.000Z');

export function alertRecord(id: string, fields: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    ruleId: id.split(':')[0]!,
    source: 'emea',
    sourceLabel: 'EMEA',
    timeZone: 'Europe/London',
    metric: 'queue.waiting',
    severity: 'warning',
    direction: 'above',
    threshold: 10,
    hysteresis: 0,
    channels: ['slack:C1'],
    value: 12,
    peak: 12,
    since: new Date(base).toISOString(),
    firedAt: new Date(base).toISOString(),
    posted: true,
    ...fields,
  };
}

let n = 0;
export function post(channel: string, alertId: string): Delivery {
  return { kind: 'post', id: `d${++n}`, channel, alertId, createdAt: new Date().toISOString() };
}

/**
 * The behaviour every WatcherStore must have, run against each implementation. Written in terms
 * of what the watcher relies on: nothing lost, order per channel kept, the first acknowledgement
 * wins, silences end on time.
 */
export function storeContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`${name} watcher store`, () => {
    let fixture: StoreFixture;
    let store: WatcherStore;
    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('keeps rule states and alerts from one commit, and lists the alerts still open', async () => {
      const open = alertRecord('queue-long:1');
      const done = alertRecord('agents-low:4', { resolvedAt: new Date(base + 60_000).toISOString() });
      expect(
        await store.commit({ rules: [{ ruleId: 'queue-long', seq: 1, alertId: open.id, since: open.since, peak: 12 }], alerts: [open, done], deliveries: [] }),
      ).toBe(true);
      const states = await store.ruleStates(['queue-long', 'never-seen']);
      expect(states.get('queue-long')).toMatchObject({ seq: 1, alertId: 'queue-long:1', peak: 12 });
      expect(states.has('never-seen')).toBe(false);
      expect((await store.openAlerts()).map((a) => a.id)).toEqual(['queue-long:1']);
      expect(await store.alert('agents-low:4')).toMatchObject({ resolvedAt: done.resolvedAt });
    });

    it('forgets an alert from the open list once a later commit resolves it', async () => {
      const alert = alertRecord('queue-long:1');
      await store.commit({ rules: [], alerts: [alert], deliveries: [] });
      await store.commit({ rules: [], alerts: [{ ...alert, resolvedAt: new Date(base + 5_000).toISOString() }], deliveries: [] });
      expect(await store.openAlerts()).toEqual([]);
    });

    it('finds the alerts that fired within a time range, oldest first', async () => {
      const at = (m: number) => new Date(base + m * 60_000).toISOString();
      await store.commit({
        rules: [],
        alerts: [alertRecord('b:1', { firedAt: at(30) }), alertRecord('a:1', { firedAt: at(10) }), alertRecord('c:1', { firedAt: at(90) })],
        deliveries: [],
      });
      const found = await store.alertsFiredBetween(base, base + 60 * 60_000);
      expect(found.map((a) => a.id)).toEqual(['a:1', 'b:1']);
    });

    it('delivers per channel in the order queued, and drops only the head that was sent', async () => {
      const [a, b, c] = [post('slack:C1', 'x:1'), post('slack:C1', 'x:2'), post('console', 'x:3')];
      await store.commit({ rules: [], alerts: [], deliveries: [a, b] });
      await store.enqueue([c]);
      expect((await store.lanes()).sort()).toEqual(['console', 'slack:C1']);
      expect(await store.pendingCount()).toBe(3);
      expect((await store.peek('slack:C1'))?.id).toBe(a.id);
      await store.remove('slack:C1', b.id);
      expect((await store.peek('slack:C1'))?.id).toBe(a.id);
      await store.remove('slack:C1', a.id);
      await store.remove('slack:C1', b.id);
      await store.remove('console', c.id);
      expect(await store.lanes()).toEqual([]);
      expect(await store.pendingCount()).toBe(0);
    });

    it('lets only the first acknowledgement through, with the updates it queues', async () => {
      await store.commit({ rules: [], alerts: [alertRecord('x:1')], deliveries: [] });
      const update: Delivery = { kind: 'update', id: 'u1', channel: 'slack:C1', alertId: 'x:1', createdAt: new Date().toISOString() };
      expect(await store.acknowledge('x:1', { by: 'Ana', at: new Date(base).toISOString() }, [update])).toBe(true);
      expect(await store.acknowledge('x:1', { by: 'Luis', at: new Date(base).toISOString() }, [{ ...update, id: 'u2' }])).toBe(false);
      expect(await store.ack('x:1')).toMatchObject({ by: 'Ana' });
      expect((await store.acks(['x:1', 'y:1'])).get('x:1')?.by).toBe('Ana');
      expect(await store.pendingCount()).toBe(1);
    });

    it('keeps a silence until it expires, and a newer silence replaces the older', async () => {
      await store.silence({ ruleId: 'queue-long', until: new Date(base + 30 * 60_000).toISOString(), by: 'Ana' });
      await store.silence({ ruleId: 'agents-low', until: new Date(base + 5 * 60_000).toISOString(), by: 'Ana' });
      await store.silence({ ruleId: 'queue-long', until: new Date(base + 60 * 60_000).toISOString(), by: 'Luis' });
      expect((await store.silences(base + 10 * 60_000)).map((s) => `${s.ruleId} ${s.by}`)).toEqual(['queue-long Luis']);
      expect(await store.silences(base + 61 * 60_000)).toEqual([]);
    });

    it('remembers where each alert message was posted, per channel', async () => {
      await store.saveMessageRef('x:1', 'slack:C1', 'slack:C1/1700000000.000100');
      await store.saveMessageRef('x:1', 'console', 'console:3');
      expect(await store.messageRefs('x:1')).toEqual({ 'slack:C1': 'slack:C1/1700000000.000100', console: 'console:3' });
      expect(await store.messageRefs('x:2')).toEqual({});
    });

    it('records the last poll of each source for every replica to read', async () => {
      await store.savePoll('emea', { at: new Date(base).toISOString(), ok: false, error: 'queue: vendor unavailable' });
      expect(await store.polls()).toEqual({ emea: { at: new Date(base).toISOString(), ok: false, error: 'queue: vendor unavailable' } });
    });

    it('grants a claim once', async () => {
      expect(await store.claim('summary:daily:2026-11-23T18:30:00.000Z', 60_000)).toBe(true);
      expect(await store.claim('summary:daily:2026-11-23T18:30:00.000Z', 60_000)).toBe(false);
      expect(await store.claim('summary:daily:2026-11-24T18:30:00.000Z', 60_000)).toBe(true);
    });
  });
}
