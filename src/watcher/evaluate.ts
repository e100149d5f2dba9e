import { ruleFields } from './alert-record.js';
import type { WatchRule } from './rules.js';
import type { AlertRecord, EndReason, RuleState } from './types.js';

/** Something to tell a channel, decided by `evaluate`; the engine turns it into outbox deliveries. */
export type Notice =
  | { kind: 'post'; channel: string; mention?: string }
  | { kind: 'update'; channel: string }
  | { kind: 'resolved-note'; channel: string }
  | { kind: 'reminder'; channel: string };

/** What the rule's source looked like at this poll, and what may be said. */
export interface EvaluationInput {
  /** The value of the rule's series; undefined when the vendor could not give it this time. */
  value: number | undefined;
  now: Date;
  /** Inside the rule's active hours. */
  active: boolean;
  /** A silence on the rule is in force. */
  silenced: boolean;
  /** The open alert was acknowledged (no reminders). */
  acknowledged: boolean;
  /** Where the alert goes when it fires, and facts the alert record keeps. */
  sourceLabel: string;
  timeZone: string;
}

export interface EvaluationResult {
  state: RuleState;
  /** The open alert after this poll, or the one that just resolved; unchanged input when nothing moved. */
  alert?: AlertRecord;
  notices: Notice[];
  /** True when state or alert changed and must be saved. */
  changed: boolean;
}

/**
 * One step of a rule's life, as a pure function of the previous state and this poll:
 * - not holding -> pending when the value passes the threshold; pending -> firing once it held for `for`;
 * - firing resolves only when the value is back past `threshold -/+ hysteresis` (no flapping);
 * - outside active hours nothing is posted: pending is forgotten and a firing alert ends
 *   (its message is updated in place, without a new post);
 * - silenced: firing is recorded but not posted (it is posted when the silence ends and it
 *   still fires); reminders and thread replies wait; in-place updates still happen;
 * - `repeat`: a reminder in the thread while it keeps firing unacknowledged.
 * Inside active hours, a poll without a value changes nothing.
 *
 * @example
 *   const { state, alert, notices } = evaluate(rule, previous, open, { value: 14, now, active: true, silenced: false, acknowledged: false, sourceLabel: 'Bogotá', timeZone: 'America/Bogota' });
 */
export function evaluate(rule: WatchRule, previous: RuleState, open: AlertRecord | undefined, input: EvaluationInput): EvaluationResult {
  const { value, now } = input;
  const nowIso = now.toISOString();
  const unchanged: EvaluationResult = { state: previous, alert: open, notices: [], changed: false };
  if (!input.active) {
    if (open) return end(rule, previous, open, value ?? open.value, nowIso, 'inactive', input);
    if (previous.since === undefined) return unchanged;
    return { state: reset(previous), notices: [], changed: true };
  }
  if (value === undefined || !Number.isFinite(value)) return unchanged;

  if (open) {
    if (isCleared(rule, value)) return end(rule, previous, open, value, nowIso, 'recovered', input);
    const alert: AlertRecord = { ...open, value, peak: extreme(rule, open.peak, value) };
    const notices: Notice[] = [];
    if (!alert.posted && !input.silenced) {
      alert.posted = true;
      alert.lastReminderAt = nowIso;
      for (const channel of alert.channels) notices.push({ kind: 'post', channel, mention: alert.mention });
    } else if (alert.posted && rule.repeatMs && !input.acknowledged && !input.silenced) {
      const last = Date.parse(alert.lastReminderAt ?? alert.firedAt);
      if (now.getTime() - last >= rule.repeatMs) {
        alert.lastReminderAt = nowIso;
        for (const channel of alert.channels) notices.push({ kind: 'reminder', channel });
      }
    }
    const changed = alert.value !== open.value || alert.peak !== open.peak || notices.length > 0;
    return { state: { ...previous, peak: alert.peak }, alert, notices, changed };
  }

  if (!isBreaching(rule, value)) {
    if (previous.since === undefined) return unchanged;
    return { state: reset(previous), notices: [], changed: true };
  }

  const since = previous.since ?? nowIso;
  const peak = extreme(rule, previous.peak, value);
  if (now.getTime() - Date.parse(since) < rule.forMs) {
    const changed = previous.since === undefined || previous.peak !== peak;
    return { state: { ...previous, since, peak }, notices: [], changed };
  }

  const seq = previous.seq + 1;
  const posted = !input.silenced;
  const alert: AlertRecord = {
    id: `${rule.id}:${seq}`,
    ...ruleFields(rule, input),
    mention: rule.mention,
    value,
    peak,
    since,
    firedAt: nowIso,
    posted,
    lastReminderAt: posted ? nowIso : undefined,
  };
  const notices: Notice[] = posted ? rule.channels.map((channel) => ({ kind: 'post', channel, mention: rule.mention })) : [];
  return { state: { ruleId: rule.id, since, peak, alertId: alert.id, seq }, alert, notices, changed: true };
}

/** Past the threshold: the condition that starts pending and firing. */
export function isBreaching(rule: Pick<WatchRule, 'direction' | 'threshold'>, value: number): boolean {
  return rule.direction === 'above' ? value > rule.threshold : value < rule.threshold;
}

/** Back past the threshold by the hysteresis: the condition that resolves a firing alert. */
export function isCleared(rule: Pick<WatchRule, 'direction' | 'threshold' | 'hysteresis'>, value: number): boolean {
  return rule.direction === 'above' ? value <= rule.threshold - rule.hysteresis : value >= rule.threshold + rule.hysteresis;
}

export function extreme(rule: Pick<WatchRule, 'direction'>, current: number | undefined, value: number): number {
  if (current === undefined) return value;
  return rule.direction === 'above' ? Math.max(current, value) : Math.min(current, value);
}

function reset(state: RuleState): RuleState {
  return { ruleId: state.ruleId, seq: state.seq };
}

function end(rule: WatchRule, previous: RuleState, open: AlertRecord, value: number, nowIso: string, reason: EndReason, input: EvaluationInput): EvaluationResult {
  const alert: AlertRecord = { ...open, value, resolvedAt: nowIso, endReason: reason };
  if (reason === 'recovered') alert.peak = extreme(rule, open.peak, value);
  const notices: Notice[] = [];
  if (open.posted) {
    for (const channel of open.channels) {
      notices.push({ kind: 'update', channel });
      if (reason === 'recovered' && !input.silenced) notices.push({ kind: 'resolved-note', channel });
    }
  }
  return { state: reset(previous), alert, notices, changed: true };
}
