import type { AckRecord, AlertRecord, Commit, Delivery, PollStatus, RuleState, SilenceRecord } from '../model/types.js';

/** How long resolved alerts, their acknowledgements and message references are kept (summaries read the day's). */
export const ALERT_RETENTION_MS = 8 * 86_400_000;

/**
 * Where the watcher keeps what must survive a restart or a change of leader: rule states,
 * alerts, acknowledgements, silences, message references, the outbox of deliveries and the
 * last poll of each source. Two implementations behind one contract suite
 * (`test/watcher/store-contract.ts`): Redis (shared by replicas) and memory (one process).
 *
 * Writers: the leader evaluates and commits rule states and alerts; any replica acknowledges
 * and silences. They write different keys, so neither overwrites the other.
 */
export interface WatcherStore {
  readonly kind: 'memory' | 'redis';

  /** States of the given rules; a rule never seen has none. */
  ruleStates(ruleIds: readonly string[]): Promise<Map<string, RuleState>>;
  alert(alertId: string): Promise<AlertRecord | undefined>;
  /** Alerts that have not resolved. */
  openAlerts(): Promise<AlertRecord[]>;
  /** Alerts that fired in `[fromMs, toMs)`, resolved or not, oldest first. */
  alertsFiredBetween(fromMs: number, toMs: number): Promise<AlertRecord[]>;
  /**
   * Saves rule states, alerts and the deliveries they cause, all or nothing. With `fence` (a
   * leader lease token) it writes only while that token still holds the lease, and answers
   * false otherwise, so a leader that lost its lease cannot post twice.
   */
  commit(change: Commit, fence?: string): Promise<boolean>;

  ack(alertId: string): Promise<AckRecord | undefined>;
  acks(alertIds: readonly string[]): Promise<Map<string, AckRecord>>;
  /** Records the first acknowledgement of an alert and queues `deliveries`; false when it was already acknowledged. */
  acknowledge(alertId: string, ack: AckRecord, deliveries: readonly Delivery[]): Promise<boolean>;

  /** Sets (or replaces) the silence on a rule. */
  silence(record: SilenceRecord): Promise<void>;
  /** Silences in force at `nowMs`; expired ones are forgotten. */
  silences(nowMs: number): Promise<SilenceRecord[]>;

  saveMessageRef(alertId: string, channel: string, messageRef: string): Promise<void>;
  /** Channel reference -> message reference of an alert's posts. */
  messageRefs(alertId: string): Promise<Record<string, string>>;

  /** Queues deliveries at the end of their channel's lane. */
  enqueue(deliveries: readonly Delivery[]): Promise<void>;
  /** Channels with deliveries waiting. */
  lanes(): Promise<string[]>;
  /** The oldest delivery waiting for a channel. */
  peek(lane: string): Promise<Delivery | undefined>;
  /** Removes a delivery from the head of its lane (nothing when it is no longer the head). */
  remove(lane: string, deliveryId: string): Promise<void>;
  /** Deliveries waiting in every lane. */
  pendingCount(): Promise<number>;

  savePoll(sourceId: string, status: PollStatus): Promise<void>;
  polls(): Promise<Record<string, PollStatus>>;

  /** True for the first caller of `key` within `ttlMs` (a summary slot runs once across failovers). */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** Groups deliveries by channel, keeping their order. */
export function byLane(deliveries: readonly Delivery[]): Map<string, Delivery[]> {
  const lanes = new Map<string, Delivery[]>();
  for (const d of deliveries) {
    const lane = lanes.get(d.channel) ?? [];
    lane.push(d);
    lanes.set(d.channel, lane);
  }
  return lanes;
}
