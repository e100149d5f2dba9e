import type { MetricName } from '../../config/schema.js';
import type { Reply } from '../../reply/reply.js';

/** Severity of a rule, as configured. */
export type Severity = 'info' | 'warning' | 'critical';

/**
 * The remembered state of one rule between polls. Written only by the leader.
 * A rule watches one series (source, metric, optional queue), so it has at most one open alert.
 */
export interface RuleState {
  ruleId: string;
  /** When the condition started to hold (pending or firing); absent while it does not hold. */
  since?: string;
  /** Most extreme value since `since` (highest for `above`, lowest for `below`). */
  peak?: number;
  /** The open alert, once the condition held for `for`. */
  alertId?: string;
  /** Alerts fired by this rule so far; the next alert id is `<ruleId>:<seq + 1>`. */
  seq: number;
  /** Rules with `forecast`: the last polls' values as [epoch ms, value], oldest first. */
  recent?: Array<[number, number]>;
  /** The open early warning of a rule with `forecast`. */
  warningId?: string;
  /** Early warnings so far; the next id is `<ruleId>:early-<warned + 1>`. */
  warned?: number;
  /** The rule's last alert that resolved because the figure recovered: a breach soon after reopens it. */
  lastAlertId?: string;
  lastResolvedAt?: string;
  /** Whether the alert was open after each of the last polls that had a value ('1' open, '0' not), oldest first. */
  trail?: string;
  /** Polls in a row without a value for this rule, and when the first of them ran. */
  missed?: number;
  missingSince?: string;
}

/** Why an alert stopped firing; an early warning also ends when its trend clears or it becomes the alert. */
export type EndReason = 'recovered' | 'inactive' | 'rule-removed' | 'trend-cleared' | 'became-alert';

/** What an early warning foresees: the threshold crossed in about `inSeconds` at `slopePerMinute`. */
export interface ForecastFacts {
  inSeconds: number;
  slopePerMinute: number;
  /** The rule's `forecast` horizon. */
  horizonMs: number;
  /** Last poll whose trend pointed at the threshold within the horizon. */
  seenAt?: string;
  /** Set when the warning became the real alert. */
  alertId?: string;
}

/**
 * One alert: from the moment the condition held for `for` until it resolved. Written only by the
 * leader; acknowledgements and message references live beside it (see the store) so that a
 * replica acknowledging and the leader evaluating never overwrite each other.
 */
export interface AlertRecord {
  id: string;
  ruleId: string;
  source: string;
  sourceLabel: string;
  /** IANA zone used to show clock times (the source's). */
  timeZone: string;
  metric: MetricName;
  queue?: string;
  severity: Severity;
  direction: 'above' | 'below';
  threshold: number;
  hysteresis: number;
  /** Channel references (aliases already resolved) the alert goes to. */
  channels: string[];
  mention?: string;
  /** Last value seen. */
  value: number;
  peak: number;
  /** When the condition started to hold. */
  since: string;
  /** When it fired (held for `for`). */
  firedAt: string;
  /** False while silenced since it fired: nothing was posted yet. */
  posted: boolean;
  lastReminderAt?: string;
  resolvedAt?: string;
  endReason?: EndReason;
  /** Present on an early warning (not an alert): what the trend foresees. */
  forecast?: ForecastFacts;
  /** On an alert an early warning foresaw: that warning, and when it was posted. */
  warnedBy?: { id: string; at: string };
  /** Times the alert fired again soon after resolving (same message, no new post), and the last time. */
  reopens?: number;
  reopenedAt?: string;
  /** Changing state often (see `FLAP_CHANGES`): shown on the message, and a new post carries no mention. */
  flapping?: boolean;
  /** The figure could not be read for two polls or more, since then (the alert neither resolves nor updates its value). */
  missingSince?: string;
  /** What the alert is about: a rule's figure (default), or a source giving no figures at all. */
  kind?: 'no-figures';
}

/** Who acknowledged an alert, and when. */
export interface AckRecord {
  by: string;
  at: string;
}

/** A silence on one rule. */
export interface SilenceRecord {
  ruleId: string;
  until: string;
  by: string;
}

/** The outcome of one poll of one source, for `/readyz`. */
export interface PollStatus {
  /** ISO instant of the end of the poll. */
  at: string;
  ok: boolean;
  /** What failed, in words safe for a log or a status page (no secrets). */
  error?: string;
  /** When the oldest figure this poll used left the vendor (ISO); absent when nothing was read fresh. */
  dataAsOf?: string;
}

/**
 * One message to deliver, kept in the outbox until the platform took it.
 * - `post`: the alert message (rendered from the alert's state when it is sent), its reference saved;
 * - `update`: the alert message edited in place to the alert's current state;
 * - `thread`: a fixed short reply under the alert message;
 * - `message`: a fixed message on its own (daily summaries).
 */
export type Delivery =
  | { kind: 'post'; id: string; channel: string; alertId: string; mention?: string; createdAt: string }
  | { kind: 'update'; id: string; channel: string; alertId: string; createdAt: string }
  | { kind: 'thread'; id: string; channel: string; alertId: string; reply: Reply; createdAt: string }
  | { kind: 'message'; id: string; channel: string; reply: Reply; mention?: string; createdAt: string };

/** What the leader writes after evaluating a poll, all at once. */
export interface Commit {
  rules: RuleState[];
  alerts: AlertRecord[];
  deliveries: Delivery[];
}
