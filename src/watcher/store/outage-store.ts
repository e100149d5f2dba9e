import { createMemoryWatcherStore } from './memory-store.js';
import type { WatcherStore } from './store.js';
import type { AlertRecord, Delivery, RuleState } from '../model/types.js';

/**
 * The Redis watcher store with a memory copy beside it, so that the replica leading alone
 * through a Redis outage keeps its alert state (see `OutageLeading` in `leader.ts`).
 */
export interface OutageStore extends WatcherStore {
  /** Serves from memory from now on (this replica leads without Redis), recording what changes. */
  goAlone(): void;
  alone(): boolean;
  /**
   * Followers: reads again what this replica would need to lead alone (the rules' states, open
   * alerts with their acknowledgements and message references, silences, polls). Never throws.
   */
  refresh(ruleIds: readonly string[]): Promise<void>;
  /**
   * Redis is back and `fence` holds the lease: writes back, fenced, the rule states, alerts,
   * acknowledgements, message references, silences, polls and undelivered deliveries changed
   * while alone, and restores the state Redis forgot (a server that restarted empty). False,
   * writing nothing, when another replica saved a rule's state since this one last read it: the
   * memory copy is dropped and Redis is served again. Throws when Redis fails midway (still alone).
   */
  writeBack(fence: string): Promise<boolean>;
  /** Another replica leads now: forgets what changed while alone and serves from Redis again. */
  drop(): void;
}

/**
 * Decorates the shared (Redis) store: while this replica does not lead alone every call goes to
 * Redis, and what it reads or writes is copied into memory; while it leads alone every call is
 * served by that copy, and what changes is noted for `writeBack`. Calls made during a write-back
 * wait for it, so the outbox never sees a delivery in Redis before its message reference.
 *
 * @example
 *   const store = createOutageStore({ shared: createRedisWatcherStore({ redis, prefix }), now });
 *   store.goAlone();                 // Redis is down and this replica is first of its roster
 *   await store.writeBack(token);    // Redis is back, the lease is ours
 */
export function createOutageStore(options: { shared: WatcherStore; now?: () => number }): OutageStore {
  const { shared } = options;
  const now = options.now ?? Date.now;
  let mirror = createMemoryWatcherStore({ now });
  /** Rule states as last read from or written to Redis (stable JSON), to see whether another replica wrote since. */
  let lastShared = new Map<string, string>();
  /** Rules the memory copy has a state of. */
  let known = new Set<string>();
  let alone = false;
  let writing: Promise<unknown> | undefined;
  let refreshing: Promise<void> | undefined;
  const changed = {
    rules: new Set<string>(),
    alerts: new Set<string>(),
    acks: new Set<string>(),
    refs: new Set<string>(),
    silences: new Set<string>(),
    polls: new Set<string>(),
  };

  async function route<T>(onShared: () => Promise<T>, onAlone: () => Promise<T>): Promise<T> {
    while (writing) await writing.catch(() => undefined);
    return alone ? onAlone() : onShared();
  }

  function seenRules(states: Iterable<RuleState>): void {
    for (const state of states) {
      lastShared.set(state.ruleId, stableJson(state));
      known.add(state.ruleId);
    }
  }

  async function keepAlerts(alerts: readonly AlertRecord[]): Promise<void> {
    if (alerts.length) await mirror.commit({ rules: [], alerts: [...alerts], deliveries: [] });
  }

  function clearChanges(): void {
    for (const set of Object.values(changed)) set.clear();
  }

  /** Takes every delivery out of the memory lanes, in order. */
  async function takeDeliveries(): Promise<Delivery[]> {
    const taken: Delivery[] = [];
    for (const lane of await mirror.lanes()) {
      for (let head = await mirror.peek(lane); head; head = await mirror.peek(lane)) {
        taken.push(head);
        await mirror.remove(lane, head.id);
      }
    }
    return taken;
  }

  async function writeBackNow(fence: string): Promise<boolean> {
    const ids = [...known];
    const [mine, theirs] = await Promise.all([mirror.ruleStates(ids), shared.ruleStates(ids)]);
    // Another replica led and saved a rule since this one last read it: its state wins.
    for (const id of changed.rules) {
      const current = theirs.get(id);
      if (current && stableJson(current) !== lastShared.get(id)) {
        dropNow();
        return false;
      }
    }
    // What changed while alone, and what Redis forgot (it restarted empty).
    const rules = ids.flatMap((id) => {
      const state = mine.get(id);
      return state && (changed.rules.has(id) || !theirs.has(id)) ? [state] : [];
    });
    const alertIds = new Set([...changed.alerts, ...rules.flatMap((r) => [r.alertId, r.warningId]).filter((id): id is string => id !== undefined)]);
    const alerts = (await Promise.all([...alertIds].map((id) => mirror.alert(id)))).filter((a): a is AlertRecord => a !== undefined);
    const deliveries = await takeDeliveries();
    let committed = false;
    try {
      committed = await shared.commit({ rules, alerts, deliveries }, fence);
      if (!committed) {
        dropNow();
        return false;
      }
      for (const id of new Set([...alertIds, ...changed.refs])) {
        for (const [channel, ref] of Object.entries(await mirror.messageRefs(id))) await shared.saveMessageRef(id, channel, ref);
      }
      const ackIds = [...new Set([...alertIds, ...changed.acks])];
      for (const [id, ack] of await mirror.acks(ackIds)) await shared.acknowledge(id, ack, []);
      const theirSilences = new Set((await shared.silences(now())).map((s) => s.ruleId));
      for (const silence of await mirror.silences(now())) {
        if (changed.silences.has(silence.ruleId) || !theirSilences.has(silence.ruleId)) await shared.silence(silence);
      }
      const polls = await mirror.polls();
      for (const id of changed.polls) if (polls[id]) await shared.savePoll(id, polls[id]);
    } catch (error) {
      // Redis went away again: the deliveries wait in memory, in their order, for the next try.
      if (!committed && deliveries.length) await mirror.enqueue(deliveries);
      throw error;
    }
    seenRules(rules);
    clearChanges();
    alone = false;
    return true;
  }

  function dropNow(): void {
    alone = false;
    clearChanges();
    // The memory copy is refreshed from Redis by the next follower tick or written through by the leader.
    mirror = createMemoryWatcherStore({ now });
    lastShared = new Map();
    known = new Set();
  }

  async function refreshNow(ruleIds: readonly string[]): Promise<void> {
    const states = await shared.ruleStates(ruleIds);
    const open = await shared.openAlerts();
    const openIds = new Set(open.map((a) => a.id));
    const referenced = [...states.values()].flatMap((s) => [s.alertId, s.warningId]).filter((id): id is string => id !== undefined && !openIds.has(id));
    const alerts = [...open, ...(await Promise.all(referenced.map((id) => shared.alert(id)))).filter((a): a is AlertRecord => a !== undefined)];
    const ids = alerts.map((a) => a.id);
    const [acks, refs, silences, polls] = await Promise.all([
      shared.acks(ids),
      Promise.all(ids.map((id) => shared.messageRefs(id))),
      shared.silences(now()),
      shared.polls(),
    ]);
    const fresh = createMemoryWatcherStore({ now });
    await fresh.commit({ rules: [...states.values()], alerts, deliveries: [] });
    for (const [id, ack] of acks) await fresh.acknowledge(id, ack, []);
    for (const [i, id] of ids.entries()) for (const [channel, ref] of Object.entries(refs[i]!)) await fresh.saveMessageRef(id, channel, ref);
    for (const silence of silences) await fresh.silence(silence);
    for (const [id, poll] of Object.entries(polls)) await fresh.savePoll(id, poll);
    // Replaced only while Redis is served: leading alone, the copy is the state.
    if (alone || writing) return;
    mirror = fresh;
    lastShared = new Map();
    known = new Set();
    seenRules(states.values());
  }

  return {
    kind: shared.kind,
    goAlone() {
      alone = true;
    },
    alone: () => alone,
    async refresh(ruleIds) {
      if (alone || writing) return;
      refreshing ??= refreshNow(ruleIds)
        .catch(() => undefined)
        .finally(() => {
          refreshing = undefined;
        });
      await refreshing;
    },
    async writeBack(fence) {
      while (writing) await writing.catch(() => undefined);
      const run = writeBackNow(fence);
      writing = run;
      try {
        return await run;
      } finally {
        writing = undefined;
      }
    },
    drop: dropNow,

    ruleStates: (ids) =>
      route(
        async () => {
          const found = await shared.ruleStates(ids);
          await mirror.commit({ rules: [...found.values()], alerts: [], deliveries: [] });
          seenRules(found.values());
          return found;
        },
        () => mirror.ruleStates(ids),
      ),
    alert: (id) =>
      route(
        async () => {
          const alert = await shared.alert(id);
          if (alert) await keepAlerts([alert]);
          return alert;
        },
        () => mirror.alert(id),
      ),
    openAlerts: () =>
      route(
        async () => {
          const alerts = await shared.openAlerts();
          await keepAlerts(alerts);
          return alerts;
        },
        () => mirror.openAlerts(),
      ),
    alertsFiredBetween: (fromMs, toMs) =>
      route(
        async () => {
          const alerts = await shared.alertsFiredBetween(fromMs, toMs);
          await keepAlerts(alerts);
          return alerts;
        },
        () => mirror.alertsFiredBetween(fromMs, toMs),
      ),
    commit: (change, fence) =>
      route(
        async () => {
          const ok = await shared.commit(change, fence);
          if (ok) {
            await mirror.commit({ rules: change.rules, alerts: change.alerts, deliveries: [] });
            seenRules(change.rules);
          }
          return ok;
        },
        () => {
          for (const state of change.rules) {
            changed.rules.add(state.ruleId);
            known.add(state.ruleId);
          }
          for (const alert of change.alerts) changed.alerts.add(alert.id);
          return mirror.commit(change);
        },
      ),
    ack: (id) =>
      route(
        async () => {
          const ack = await shared.ack(id);
          if (ack) await mirror.acknowledge(id, ack, []);
          return ack;
        },
        () => mirror.ack(id),
      ),
    acks: (ids) =>
      route(
        async () => {
          const found = await shared.acks(ids);
          for (const [id, ack] of found) await mirror.acknowledge(id, ack, []);
          return found;
        },
        () => mirror.acks(ids),
      ),
    acknowledge: (id, ack, deliveries) =>
      route(
        async () => {
          const ok = await shared.acknowledge(id, ack, deliveries);
          if (ok) await mirror.acknowledge(id, ack, []);
          return ok;
        },
        () => {
          changed.acks.add(id);
          return mirror.acknowledge(id, ack, deliveries);
        },
      ),
    silence: (record) =>
      route(
        async () => {
          await shared.silence(record);
          await mirror.silence(record);
        },
        () => {
          changed.silences.add(record.ruleId);
          return mirror.silence(record);
        },
      ),
    silences: (nowMs) =>
      route(
        async () => {
          const live = await shared.silences(nowMs);
          // A silence lifted on another replica is lifted in the copy too.
          const liveIds = new Set(live.map((s) => s.ruleId));
          for (const kept of await mirror.silences(nowMs))
            if (!liveIds.has(kept.ruleId)) await mirror.silence({ ...kept, until: new Date(nowMs).toISOString() });
          for (const silence of live) await mirror.silence(silence);
          return live;
        },
        () => mirror.silences(nowMs),
      ),
    saveMessageRef: (alertId, channel, messageRef) =>
      route(
        async () => {
          await shared.saveMessageRef(alertId, channel, messageRef);
          await mirror.saveMessageRef(alertId, channel, messageRef);
        },
        () => {
          changed.refs.add(alertId);
          return mirror.saveMessageRef(alertId, channel, messageRef);
        },
      ),
    messageRefs: (alertId) =>
      route(
        async () => {
          const refs = await shared.messageRefs(alertId);
          for (const [channel, ref] of Object.entries(refs)) await mirror.saveMessageRef(alertId, channel, ref);
          return refs;
        },
        () => mirror.messageRefs(alertId),
      ),
    enqueue: (deliveries) =>
      route(
        () => shared.enqueue(deliveries),
        () => mirror.enqueue(deliveries),
      ),
    lanes: () =>
      route(
        () => shared.lanes(),
        () => mirror.lanes(),
      ),
    peek: (lane) =>
      route(
        () => shared.peek(lane),
        () => mirror.peek(lane),
      ),
    remove: (lane, deliveryId) =>
      route(
        () => shared.remove(lane, deliveryId),
        () => mirror.remove(lane, deliveryId),
      ),
    pendingCount: () =>
      route(
        () => shared.pendingCount(),
        () => mirror.pendingCount(),
      ),
    savePoll: (sourceId, status) =>
      route(
        async () => {
          await shared.savePoll(sourceId, status);
          await mirror.savePoll(sourceId, status);
        },
        () => {
          changed.polls.add(sourceId);
          return mirror.savePoll(sourceId, status);
        },
      ),
    polls: () =>
      route(
        async () => {
          const polls = await shared.polls();
          for (const [id, poll] of Object.entries(polls)) await mirror.savePoll(id, poll);
          return polls;
        },
        () => mirror.polls(),
      ),
    claim: (key, ttlMs) =>
      route(
        () => shared.claim(key, ttlMs),
        () => mirror.claim(key, ttlMs),
      ),
  };
}

/** JSON with object keys sorted, so two copies of one state compare equal whatever their key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
