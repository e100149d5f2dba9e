import { ALERT_RETENTION_MS, type WatcherStore } from './store.js';
import type { AckRecord, AlertRecord, Delivery, PollStatus, RuleState, SilenceRecord } from '../model/types.js';

/**
 * The watcher's state inside one process: the embedded default, where there is one replica and
 * so always one leader. Values are copied in and out so callers never share objects with it.
 *
 * @example
 *   const store = createMemoryWatcherStore();
 */
export function createMemoryWatcherStore(options: { now?: () => number } = {}): WatcherStore {
  const now = options.now ?? Date.now;
  const rules = new Map<string, RuleState>();
  const alerts = new Map<string, AlertRecord>();
  const acks = new Map<string, AckRecord>();
  const refs = new Map<string, Record<string, string>>();
  const silences = new Map<string, SilenceRecord>();
  const lanes = new Map<string, Delivery[]>();
  const polls = new Map<string, PollStatus>();
  const claims = new Map<string, number>();
  const copy = <T>(value: T): T => structuredClone(value);

  function push(deliveries: readonly Delivery[]): void {
    for (const d of deliveries) {
      const lane = lanes.get(d.channel) ?? [];
      lane.push(copy(d));
      lanes.set(d.channel, lane);
    }
  }

  function forgetOld(): void {
    const cutoff = now() - ALERT_RETENTION_MS;
    for (const [id, alert] of alerts) {
      if (alert.resolvedAt && Date.parse(alert.resolvedAt) < cutoff) {
        alerts.delete(id);
        acks.delete(id);
        refs.delete(id);
      }
    }
  }

  return {
    kind: 'memory',
    async ruleStates(ids) {
      const found = new Map<string, RuleState>();
      for (const id of ids) {
        const state = rules.get(id);
        if (state) found.set(id, copy(state));
      }
      return found;
    },
    async alert(id) {
      const alert = alerts.get(id);
      return alert && copy(alert);
    },
    async openAlerts() {
      return [...alerts.values()].filter((a) => !a.resolvedAt).map(copy);
    },
    async alertsFiredBetween(fromMs, toMs) {
      return [...alerts.values()]
        .filter((a) => {
          const fired = Date.parse(a.firedAt);
          return fired >= fromMs && fired < toMs;
        })
        .sort((a, b) => Date.parse(a.firedAt) - Date.parse(b.firedAt))
        .map(copy);
    },
    async commit(change) {
      for (const state of change.rules) rules.set(state.ruleId, copy(state));
      for (const alert of change.alerts) alerts.set(alert.id, copy(alert));
      push(change.deliveries);
      if (change.alerts.length) forgetOld();
      return true;
    },
    async ack(id) {
      const ack = acks.get(id);
      return ack && copy(ack);
    },
    async acks(ids) {
      const found = new Map<string, AckRecord>();
      for (const id of ids) {
        const ack = acks.get(id);
        if (ack) found.set(id, copy(ack));
      }
      return found;
    },
    async acknowledge(id, ack, deliveries) {
      if (acks.has(id)) return false;
      acks.set(id, copy(ack));
      push(deliveries);
      return true;
    },
    async silence(record) {
      silences.set(record.ruleId, copy(record));
    },
    async silences(nowMs) {
      for (const [id, s] of silences) if (Date.parse(s.until) <= nowMs) silences.delete(id);
      return [...silences.values()].map(copy);
    },
    async saveMessageRef(alertId, channel, messageRef) {
      refs.set(alertId, { ...refs.get(alertId), [channel]: messageRef });
    },
    async messageRefs(alertId) {
      return { ...refs.get(alertId) };
    },
    async enqueue(deliveries) {
      push(deliveries);
    },
    async lanes() {
      return [...lanes.entries()].filter(([, items]) => items.length > 0).map(([lane]) => lane);
    },
    async peek(lane) {
      const head = lanes.get(lane)?.[0];
      return head && copy(head);
    },
    async remove(lane, deliveryId) {
      const items = lanes.get(lane);
      if (items?.[0]?.id === deliveryId) items.shift();
      if (items && items.length === 0) lanes.delete(lane);
    },
    async pendingCount() {
      let count = 0;
      for (const items of lanes.values()) count += items.length;
      return count;
    },
    async savePoll(sourceId, status) {
      polls.set(sourceId, copy(status));
    },
    async polls() {
      return Object.fromEntries([...polls.entries()].map(([id, s]) => [id, copy(s)]));
    },
    async claim(key, ttlMs) {
      const until = claims.get(key);
      if (until !== undefined && until > now()) return false;
      claims.set(key, now() + ttlMs);
      return true;
    },
  };
}
