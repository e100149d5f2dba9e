import type { RedisClient } from '../../redis/client.js';
import { ALERT_RETENTION_MS, type WatcherStore } from './store.js';
import { COMMIT_SCRIPT, REMOVE_SCRIPT, watcherKeys } from './redis-keys.js';
import type { AckRecord, AlertRecord, Delivery, PollStatus, RuleState, SilenceRecord } from '../model/types.js';

type Op = { o: 'setnx' | 'set' | 'sadd' | 'srem' | 'zadd' | 'ztrim' | 'rpush' | 'pexpire'; k: number; v?: string; s?: string; px?: string };

/** Collects writes for COMMIT_SCRIPT, numbering each distinct key once. */
class Batch {
  readonly keys: string[];
  readonly ops: Op[] = [];
  constructor(leaderKey: string) {
    this.keys = [leaderKey];
  }
  add(o: Op['o'], key: string, fields: Omit<Op, 'o' | 'k'> = {}): void {
    let k = this.keys.indexOf(key) + 1;
    if (k === 0) k = this.keys.push(key);
    this.ops.push({ o, k, ...fields });
  }
}

/**
 * The watcher's state in Redis, shared by every replica (see `WatcherStore`). Writes that belong
 * together go through one Lua script, so a crash never leaves an alert decided but not queued.
 *
 * @example
 *   const store = createRedisWatcherStore({ redis, prefix: 'chatops' });
 */
export function createRedisWatcherStore(options: { redis: RedisClient; prefix: string; now?: () => number }): WatcherStore {
  const { redis } = options;
  const now = options.now ?? Date.now;
  const keys = watcherKeys(options.prefix);
  const retention = String(ALERT_RETENTION_MS);

  async function run(batch: Batch, fence = ''): Promise<boolean> {
    if (batch.ops.length === 0 && !fence) return true;
    const result = await redis.eval(COMMIT_SCRIPT, batch.keys.length, ...batch.keys, fence, JSON.stringify(batch.ops));
    return result === 1;
  }

  function queue(batch: Batch, deliveries: readonly Delivery[]): void {
    for (const d of deliveries) {
      batch.add('rpush', keys.lane(d.channel), { v: JSON.stringify(d) });
      batch.add('sadd', keys.lanes, { v: d.channel });
    }
  }

  const parse = <T>(text: string | null | undefined): T | undefined => (text ? (JSON.parse(text) as T) : undefined);

  async function alertsById(ids: readonly string[]): Promise<AlertRecord[]> {
    if (ids.length === 0) return [];
    const texts = await redis.mget(...ids.map(keys.alert));
    return texts.map((t) => parse<AlertRecord>(t)).filter((a): a is AlertRecord => a !== undefined);
  }

  return {
    kind: 'redis',
    async ruleStates(ids) {
      const found = new Map<string, RuleState>();
      if (ids.length === 0) return found;
      const texts = await redis.mget(...ids.map(keys.rule));
      texts.forEach((text, i) => {
        const state = parse<RuleState>(text);
        if (state) found.set(ids[i]!, state);
      });
      return found;
    },
    async alert(id) {
      return parse<AlertRecord>(await redis.get(keys.alert(id)));
    },
    async openAlerts() {
      const alerts = await alertsById(await redis.smembers(keys.open));
      return alerts.filter((a) => !a.resolvedAt).sort((a, b) => Date.parse(a.firedAt) - Date.parse(b.firedAt));
    },
    async alertsFiredBetween(fromMs, toMs) {
      const ids = await redis.zrangebyscore(keys.history, fromMs, `(${toMs}`);
      return alertsById(ids);
    },
    async commit(change, fence) {
      const batch = new Batch(keys.leader);
      for (const state of change.rules) batch.add('set', keys.rule(state.ruleId), { v: JSON.stringify(state) });
      for (const alert of change.alerts) {
        // An open alert never expires, however long it fires; a resolved one is kept for the summaries.
        if (alert.resolvedAt) {
          batch.add('set', keys.alert(alert.id), { v: JSON.stringify(alert), px: retention });
          batch.add('pexpire', keys.ack(alert.id), { px: retention });
          batch.add('pexpire', keys.refs(alert.id), { px: retention });
          batch.add('srem', keys.open, { v: alert.id });
        } else {
          batch.add('set', keys.alert(alert.id), { v: JSON.stringify(alert) });
          batch.add('sadd', keys.open, { v: alert.id });
        }
        batch.add('zadd', keys.history, { s: String(Date.parse(alert.firedAt)), v: alert.id });
      }
      if (change.alerts.length) batch.add('ztrim', keys.history, { s: `(${now() - ALERT_RETENTION_MS}` });
      queue(batch, change.deliveries);
      return run(batch, fence);
    },
    async ack(id) {
      return parse<AckRecord>(await redis.get(keys.ack(id)));
    },
    async acks(ids) {
      const found = new Map<string, AckRecord>();
      if (ids.length === 0) return found;
      const texts = await redis.mget(...ids.map(keys.ack));
      texts.forEach((text, i) => {
        const ack = parse<AckRecord>(text);
        if (ack) found.set(ids[i]!, ack);
      });
      return found;
    },
    async acknowledge(id, ack, deliveries) {
      const batch = new Batch(keys.leader);
      batch.add('setnx', keys.ack(id), { v: JSON.stringify(ack) });
      queue(batch, deliveries);
      return run(batch);
    },
    async silence(record) {
      await redis.hset(keys.silences, record.ruleId, JSON.stringify(record));
    },
    async silences(nowMs) {
      const all = await redis.hgetall(keys.silences);
      const live: SilenceRecord[] = [];
      const expired: string[] = [];
      for (const [ruleId, text] of Object.entries(all)) {
        const record = parse<SilenceRecord>(text);
        if (record && Date.parse(record.until) > nowMs) live.push(record);
        else expired.push(ruleId);
      }
      if (expired.length) await redis.hdel(keys.silences, ...expired);
      return live;
    },
    async saveMessageRef(alertId, channel, messageRef) {
      // Shortened to the usual retention when the alert resolves; this bound only catches a post
      // that arrived after its alert had already resolved (a long platform outage).
      await redis
        .multi()
        .hset(keys.refs(alertId), channel, messageRef)
        .pexpire(keys.refs(alertId), 4 * ALERT_RETENTION_MS)
        .exec();
    },
    async messageRefs(alertId) {
      return redis.hgetall(keys.refs(alertId));
    },
    async enqueue(deliveries) {
      const batch = new Batch(keys.leader);
      queue(batch, deliveries);
      await run(batch);
    },
    async lanes() {
      return redis.smembers(keys.lanes);
    },
    async peek(lane) {
      return parse<Delivery>(await redis.lindex(keys.lane(lane), 0));
    },
    async remove(lane, deliveryId) {
      await redis.eval(REMOVE_SCRIPT, 2, keys.lane(lane), keys.lanes, deliveryId, lane);
    },
    async pendingCount() {
      const lanes = await redis.smembers(keys.lanes);
      if (lanes.length === 0) return 0;
      const pipeline = redis.pipeline();
      for (const lane of lanes) pipeline.llen(keys.lane(lane));
      const results = (await pipeline.exec()) ?? [];
      return results.reduce((sum, [, n]) => sum + Number(n ?? 0), 0);
    },
    async savePoll(sourceId, status) {
      await redis.hset(keys.polls, sourceId, JSON.stringify(status));
    },
    async polls() {
      const all = await redis.hgetall(keys.polls);
      return Object.fromEntries(Object.entries(all).map(([id, text]) => [id, JSON.parse(text) as PollStatus]));
    },
    async claim(key, ttlMs) {
      return (await redis.set(keys.claim(key), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
    },
  };
}
