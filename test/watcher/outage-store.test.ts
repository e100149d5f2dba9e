import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createOutageStore, type OutageStore } from '../../src/watcher/store/outage-store.js';
import { createRedisWatcherStore } from '../../src/watcher/store/redis-store.js';
import { watcherKeys } from '../../src/watcher/store/redis-keys.js';
import type { WatcherStore } from '../../src/watcher/store/store.js';
import type { Delivery } from '../../src/watcher/model/types.js';
import { connectRedis, deleteKeys, uniquePrefix } from './kit.js';
import { alertRecord, post, storeContract } from './store-contract.js';

const now = () => Date.parse('2026-11-23T15:00:00.000Z');
const redis = connectRedis();
afterAll(() => redis.disconnect());

// The decorated store keeps the contract both while Redis is served and while it leads alone.
storeContract('outage (Redis answering)', async () => {
  const prefix = uniquePrefix('outage-contract');
  return { store: createOutageStore({ shared: createRedisWatcherStore({ redis, prefix, now }), now }), cleanup: () => deleteKeys(prefix) };
});
storeContract('outage (leading alone)', async () => {
  const prefix = uniquePrefix('outage-contract');
  const store = createOutageStore({ shared: createRedisWatcherStore({ redis, prefix, now }), now });
  store.goAlone();
  return { store, cleanup: () => deleteKeys(prefix) };
});

const update = (channel: string, alertId: string): Delivery => ({ kind: 'update', id: `u-${alertId}`, channel, alertId, createdAt: new Date().toISOString() });

describe('the watcher store through a Redis outage', () => {
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const prefix of prefixes.splice(0)) await deleteKeys(prefix);
  });

  /** A Redis store (what every replica shares), the outage store over it, and the lease held by `token`. */
  async function setup(token = 'token-of-this-replica'): Promise<{ shared: WatcherStore; store: OutageStore; prefix: string; restartEmpty(): Promise<void> }> {
    const prefix = uniquePrefix('outage');
    prefixes.push(prefix);
    const shared = createRedisWatcherStore({ redis, prefix, now });
    await redis.set(watcherKeys(prefix).leader, token);
    return {
      shared,
      store: createOutageStore({ shared, now }),
      prefix,
      // A Redis restarted without persistence: nothing left but the lease this replica takes again.
      async restartEmpty() {
        await deleteKeys(prefix);
        await redis.set(watcherKeys(prefix).leader, token);
      },
    };
  }

  it('serves from memory while alone, then writes back, fenced, what changed: states, alerts, message references, what is still to deliver', async () => {
    const { shared, store, restartEmpty } = await setup();
    const fired = alertRecord('queue-long:1');
    await store.commit({ rules: [{ ruleId: 'queue-long', seq: 0 }], alerts: [], deliveries: [] }, 'token-of-this-replica');

    store.goAlone();
    await store.commit({ rules: [{ ruleId: 'queue-long', seq: 1, alertId: fired.id }], alerts: [fired], deliveries: [post('slack:C1', fired.id)] });
    expect(await store.lanes()).toEqual(['slack:C1']);
    const head = (await store.peek('slack:C1'))!;
    await store.saveMessageRef(fired.id, 'slack:C1', '1700000000.000001');
    await store.remove('slack:C1', head.id);
    await store.commit({ rules: [], alerts: [{ ...fired, value: 15 }], deliveries: [update('slack:C1', fired.id)] });
    // Redis saw none of it.
    expect((await shared.ruleStates(['queue-long'])).get('queue-long')).toEqual({ ruleId: 'queue-long', seq: 0 });
    expect(await shared.alert(fired.id)).toBeUndefined();

    await restartEmpty();
    expect(await store.writeBack('token-of-this-replica')).toBe(true);
    expect(store.alone()).toBe(false);
    expect((await shared.ruleStates(['queue-long'])).get('queue-long')).toMatchObject({ seq: 1, alertId: fired.id });
    expect(await shared.openAlerts()).toEqual([{ ...fired, value: 15 }]);
    expect(await shared.messageRefs(fired.id)).toEqual({ 'slack:C1': '1700000000.000001' });
    expect(await shared.peek('slack:C1')).toMatchObject({ kind: 'update', alertId: fired.id });
    expect(await shared.pendingCount()).toBe(1);
  });

  it('writes nothing without the lease, and forgets what it kept alone', async () => {
    const { shared, store } = await setup();
    store.goAlone();
    await store.commit({
      rules: [{ ruleId: 'queue-long', seq: 1, alertId: 'queue-long:1' }],
      alerts: [alertRecord('queue-long:1')],
      deliveries: [post('slack:C1', 'queue-long:1')],
    });
    expect(await store.writeBack('token-of-a-replica-that-lost-the-lease')).toBe(false);
    expect(store.alone()).toBe(false);
    expect(await shared.ruleStates(['queue-long'])).toEqual(new Map());
    expect(await shared.pendingCount()).toBe(0);
    expect(await store.openAlerts()).toEqual([]);
  });

  it('writes nothing when another replica saved a rule since this one last read it: its state wins', async () => {
    const { shared, store } = await setup();
    await store.ruleStates(['queue-long']);
    store.goAlone();
    await store.commit({ rules: [{ ruleId: 'queue-long', seq: 1, alertId: 'queue-long:1' }], alerts: [alertRecord('queue-long:1')], deliveries: [] });
    // Another replica, cut off from this one but not from Redis, led meanwhile.
    await shared.commit({
      rules: [{ ruleId: 'queue-long', seq: 1, alertId: 'queue-long:1', peak: 30 }],
      alerts: [alertRecord('queue-long:1', { peak: 30 })],
      deliveries: [],
    });
    expect(await store.writeBack('token-of-this-replica')).toBe(false);
    expect((await store.ruleStates(['queue-long'])).get('queue-long')).toMatchObject({ peak: 30 });
    expect(await store.alert('queue-long:1')).toMatchObject({ peak: 30 });
  });

  it('gives a follower what it needs to lead alone, and restores it into a Redis that came back empty', async () => {
    const { shared, store, restartEmpty } = await setup();
    // The leader (another replica) fired and posted an alert; someone acknowledged it and silenced another rule.
    const firing = alertRecord('queue-long:3');
    await shared.commit({ rules: [{ ruleId: 'queue-long', seq: 3, alertId: firing.id }], alerts: [firing], deliveries: [] });
    await shared.saveMessageRef(firing.id, 'slack:C1', '1700000000.000009');
    await shared.acknowledge(firing.id, { by: 'U1', at: firing.firedAt }, []);
    const silence = { ruleId: 'agents-low', until: new Date(now() + 3_600_000).toISOString(), by: 'U1' };
    await shared.silence(silence);

    await store.refresh(['queue-long', 'agents-low']);
    store.goAlone();
    expect((await store.ruleStates(['queue-long'])).get('queue-long')).toMatchObject({ seq: 3, alertId: firing.id });
    expect(await store.openAlerts()).toEqual([firing]);
    expect(await store.messageRefs(firing.id)).toEqual({ 'slack:C1': '1700000000.000009' });
    expect(await store.ack(firing.id)).toEqual({ by: 'U1', at: firing.firedAt });
    expect(await store.silences(now())).toEqual([silence]);

    await restartEmpty();
    expect(await store.writeBack('token-of-this-replica')).toBe(true);
    expect((await shared.ruleStates(['queue-long'])).get('queue-long')).toMatchObject({ seq: 3, alertId: firing.id });
    expect(await shared.messageRefs(firing.id)).toEqual({ 'slack:C1': '1700000000.000009' });
    expect(await shared.ack(firing.id)).toEqual({ by: 'U1', at: firing.firedAt });
    expect(await shared.silences(now())).toEqual([silence]);
  });

  it('makes calls that come during a write-back wait for it, so no delivery is read before its message reference', async () => {
    const { shared, store, restartEmpty } = await setup();
    store.goAlone();
    const fired = alertRecord('queue-long:1');
    await store.commit({ rules: [{ ruleId: 'queue-long', seq: 1, alertId: fired.id }], alerts: [fired], deliveries: [post('slack:C1', fired.id)] });
    await store.saveMessageRef(fired.id, 'slack:C1', '1700000000.000001');
    await restartEmpty();
    const writing = store.writeBack('token-of-this-replica');
    // What the outbox asks while the write-back runs is answered from Redis, after it.
    const [head, refs] = await Promise.all([store.peek('slack:C1'), store.messageRefs(fired.id)]);
    expect(await writing).toBe(true);
    expect(head).toMatchObject({ kind: 'post', alertId: fired.id });
    expect(refs).toEqual({ 'slack:C1': '1700000000.000001' });
    expect(await shared.messageRefs(fired.id)).toEqual(refs);
  });
});
