import { randomUUID } from 'node:crypto';
import type { Asker } from '../../domain/asker.js';
import type { AlertService, AlertView } from '../model/alert-service.js';
import type { WatcherStore } from './store.js';
import type { AckRecord, AlertRecord, Delivery } from '../model/types.js';

export interface AlertServiceOptions {
  store: WatcherStore;
  /** Ids of the configured rules (silencing an unknown rule answers undefined). */
  ruleIds: ReadonlySet<string>;
  now: () => Date;
  /** Asks the outbox to send soon (the leader's also wakes on its own timer). */
  kick?: () => void;
}

/** The name shown for whoever acknowledged or silenced: their display name, else their id. */
export function nameOf(asker: Asker): string {
  return asker.displayName?.trim() || asker.userId;
}

/** An alert as `/alerts` and the buttons see it. */
export function toView(alert: AlertRecord, ack?: AckRecord): AlertView {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    source: alert.source,
    metric: alert.metric,
    phase: alert.resolvedAt ? 'resolved' : ack ? 'acknowledged' : 'firing',
    severity: alert.severity,
    value: alert.value,
    peak: alert.peak,
    threshold: alert.threshold,
    direction: alert.direction,
    since: alert.since,
    acknowledgedBy: ack?.by,
    queue: alert.queue,
    ...(alert.kind ? { kind: alert.kind } : {}),
    ...(alert.reopens ? { reopens: alert.reopens } : {}),
    ...(alert.flapping ? { flapping: true } : {}),
  };
}

/**
 * `/alerts` and the Ack / Silence buttons on top of the watcher's store. Works on any replica:
 * an acknowledgement is recorded in the shared store together with the in-place updates of the
 * alert's messages, which the leader's outbox sends. The first acknowledgement wins; pressing
 * Ack again answers with who acknowledged it.
 *
 * @example
 *   const alerts = createAlertService({ store, ruleIds: new Set(rules.map((r) => r.id)), now: () => new Date() });
 *   await alerts.acknowledge('bogota-queue:3', asker);
 */
export function createAlertService(options: AlertServiceOptions): AlertService {
  const { store, now } = options;
  return {
    async firing() {
      const open = (await store.openAlerts()).filter((a) => !a.forecast);
      const acks = await store.acks(open.map((a) => a.id));
      return open.map((a) => toView(a, acks.get(a.id)));
    },

    async acknowledge(alertId, by) {
      const alert = await store.alert(alertId);
      if (!alert || alert.resolvedAt) return undefined;
      const ack: AckRecord = { by: nameOf(by), at: now().toISOString() };
      const createdAt = new Date().toISOString();
      // Not posted yet (silenced): the post will show the acknowledgement when it goes out.
      const updates: Delivery[] = alert.posted ? alert.channels.map((channel) => ({ kind: 'update', id: randomUUID(), channel, alertId, createdAt })) : [];
      const first = await store.acknowledge(alertId, ack, updates);
      if (first) {
        options.kick?.();
        return { ...toView(alert, ack), first: true };
      }
      return { ...toView(alert, (await store.ack(alertId)) ?? ack), first: false };
    },

    async silence(ruleId, durationMs, by) {
      if (!options.ruleIds.has(ruleId) || !(durationMs > 0)) return undefined;
      const until = new Date(now().getTime() + durationMs).toISOString();
      await store.silence({ ruleId, until, by: nameOf(by) });
      return { until };
    },

    async unsilence(ruleId, by) {
      const nowMs = now().getTime();
      const live = (await store.silences(nowMs)).find((s) => s.ruleId === ruleId);
      if (!live) return undefined;
      // A silence that ends now: every store forgets it at its next read, on every replica.
      await store.silence({ ruleId, until: new Date(nowMs).toISOString(), by: nameOf(by) });
      options.kick?.();
      return { until: live.until, by: live.by };
    },

    async silences() {
      const live = await store.silences(now().getTime());
      return live.map(({ ruleId, until, by }) => ({ ruleId, until, by })).sort((a, b) => a.until.localeCompare(b.until));
    },
  };
}
