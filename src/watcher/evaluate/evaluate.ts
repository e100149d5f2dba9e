import { ruleFields } from '../model/alert-record.js';
import type { WatchRule } from '../model/rules.js';
import type { AlertRecord, EndReason, RuleState } from '../model/types.js';

/** Something to tell a channel, decided by `evaluate`; the engine turns it into outbox deliveries. */
export type Notice =
  | { kind: 'post'; channel: string; mention?: string }
  | { kind: 'update'; channel: string }
  | { kind: 'resolved-note'; channel: string }
  | { kind: 'reopened-note'; channel: string }
  | { kind: 'reminder'; channel: string };

/** A breach this soon after the rule's alert recovered reopens that alert (its message) rather than posting anew. */
export const DEFAULT_REOPEN_MS = 5 * 60_000;
/** Polls remembered for flapping, and the state changes among them that make an alert flapping (as Kibana counts). */
export const FLAP_POLLS = 20;
export const FLAP_CHANGES = 4;
/** Polls in a row without a value after which an open alert's message says its figures are missing. */
export const MISSING_POLLS = 2;

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
  /** The rule's last alert (`state.lastAlertId`), resolved: a breach within the reopen window reopens it. */
  recent?: AlertRecord;
}

export interface EvaluationResult {
  state: RuleState;
  /** The open alert after this poll, or the one that just resolved; unchanged input when nothing moved. */
  alert?: AlertRecord;
  notices: Notice[];
  /** True when state or alert changed and must be saved. */
  changed: boolean;
  /** True when this poll reopened the rule's last alert (same message) instead of firing a new one. */
  reopened?: boolean;
}

/**
 * One step of a rule's life, as a pure function of the previous state and this poll:
 * - not holding -> pending when the value passes the threshold; pending -> firing once it held for `for`;
 * - firing resolves only when the value is back past `threshold -/+ hysteresis`; the message shows
 *   it at once (edited in place);
 * - one alert per incident: firing again within `reopenWithin` of recovering reopens the same
 *   alert (its message is edited, a thread line says it fired again): no new post, no mention;
 * - flapping (`FLAP_CHANGES` state changes within the last `FLAP_POLLS` polls) is marked on the
 *   message, its thread lines wait, and a new post while flapping carries no mention;
 * - a poll without a value never resolves nor fires; after `MISSING_POLLS` of them the open
 *   alert's message says since when its figures are missing;
 * - outside active hours nothing is posted: pending is forgotten and a firing alert ends
 *   (its message is updated in place, without a new post);
 * - silenced: firing is recorded but not posted (it is posted when the silence ends and it
 *   still fires); reminders and thread replies wait; in-place updates still happen;
 * - `repeat`: a reminder in the thread while it keeps firing unacknowledged.
 *
 * @example
 *   const { state, alert, notices } = evaluate(rule, previous, open, { value: 14, now, active: true, silenced: false, acknowledged: false, sourceLabel: 'Bogotá', timeZone: 'America/Bogota' });
 */
export function evaluate(rule: WatchRule, previous: RuleState, open: AlertRecord | undefined, input: EvaluationInput): EvaluationResult {
  const { value, now } = input;
  const nowIso = now.toISOString();
  if (!input.active) {
    if (open) return end(rule, previous, open, value ?? open.value, nowIso, 'inactive', input);
    if (previous.since === undefined && previous.missed === undefined && previous.lastAlertId === undefined)
      return { state: previous, alert: open, notices: [], changed: false };
    return { state: { ruleId: previous.ruleId, seq: previous.seq, ...(previous.trail ? { trail: previous.trail } : {}) }, notices: [], changed: true };
  }
  if (value === undefined || !Number.isFinite(value)) return missing(previous, open, nowIso);
  const result = step(rule, withoutMissing(previous), open, { ...input, value }, nowIso);
  // Remember whether an alert was open after this poll, for flapping; an unchanged full trail is no write.
  const trail = nextTrail(previous.trail, isOpen(result.alert));
  const back = previous.missed !== undefined;
  return { ...result, state: { ...result.state, trail }, changed: result.changed || back || trail !== previous.trail };
}

function step(
  rule: WatchRule,
  previous: RuleState,
  open: AlertRecord | undefined,
  input: EvaluationInput & { value: number },
  nowIso: string,
): EvaluationResult {
  const { value, now } = input;
  const unchanged: EvaluationResult = { state: previous, alert: open, notices: [], changed: false };
  if (open) {
    if (isCleared(rule, value)) return end(rule, previous, open, value, nowIso, 'recovered', input);
    const flapping = isFlapping(nextTrail(previous.trail, true));
    const alert: AlertRecord = { ...open, value, peak: extreme(rule, open.peak, value) };
    delete alert.missingSince;
    if (flapping) alert.flapping = true;
    else delete alert.flapping;
    const notices: Notice[] = [];
    if (!alert.posted && !input.silenced) {
      alert.posted = true;
      alert.lastReminderAt = nowIso;
      for (const channel of alert.channels) notices.push({ kind: 'post', channel, mention: flapping ? undefined : alert.mention });
    } else if (alert.posted && rule.repeatMs && !input.acknowledged && !input.silenced) {
      const last = Date.parse(alert.lastReminderAt ?? alert.firedAt);
      if (now.getTime() - last >= rule.repeatMs) {
        alert.lastReminderAt = nowIso;
        for (const channel of alert.channels) notices.push({ kind: 'reminder', channel });
      }
    }
    // The message shows the figure's return and a change of flapping at once.
    if (alert.posted && notices.length === 0 && (Boolean(open.missingSince) || Boolean(open.flapping) !== flapping)) {
      for (const channel of alert.channels) notices.push({ kind: 'update', channel });
    }
    const changed =
      alert.value !== open.value || alert.peak !== open.peak || notices.length > 0 || Boolean(open.flapping) !== flapping || Boolean(open.missingSince);
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

  const flapping = isFlapping(nextTrail(previous.trail, true));
  const recent = reopenable(rule, previous, input.recent, now);
  if (recent) return reopen(rule, previous, recent, { ...input, value }, { nowIso, since, flapping });

  const seq = previous.seq + 1;
  const posted = !input.silenced;
  const mention = flapping ? undefined : rule.mention;
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
    ...(flapping ? { flapping } : {}),
  };
  const notices: Notice[] = posted ? rule.channels.map((channel) => ({ kind: 'post', channel, mention })) : [];
  const { lastAlertId: _a, lastResolvedAt: _b, ...kept } = previous;
  return { state: { ...kept, since, peak, alertId: alert.id, seq }, alert, notices, changed: true };
}

/** The rule's last alert when it recovered within `reopenWithin` of now, else undefined. */
function reopenable(rule: WatchRule, state: RuleState, recent: AlertRecord | undefined, now: Date): AlertRecord | undefined {
  if (!recent || recent.id !== state.lastAlertId || recent.endReason !== 'recovered' || !recent.resolvedAt) return undefined;
  const window = rule.reopenWithinMs ?? DEFAULT_REOPEN_MS;
  return now.getTime() - Date.parse(recent.resolvedAt) <= window ? recent : undefined;
}

/** The same incident again: the recovered alert is open once more, its message edited, a thread line says so. */
function reopen(
  rule: WatchRule,
  previous: RuleState,
  recent: AlertRecord,
  input: EvaluationInput & { value: number },
  facts: { nowIso: string; since: string; flapping: boolean },
): EvaluationResult {
  const { value } = input;
  const { resolvedAt: _r, endReason: _e, missingSince: _m, ...rest } = recent;
  const alert: AlertRecord = {
    ...rest,
    value,
    peak: extreme(rule, recent.peak, value),
    reopens: (recent.reopens ?? 0) + 1,
    reopenedAt: facts.nowIso,
    lastReminderAt: facts.nowIso,
    ...(facts.flapping ? { flapping: true } : {}),
  };
  if (!facts.flapping) delete alert.flapping;
  const notices: Notice[] = [];
  if (recent.posted) {
    for (const channel of alert.channels) {
      notices.push({ kind: 'update', channel });
      if (!input.silenced && !facts.flapping) notices.push({ kind: 'reopened-note', channel });
    }
  } else if (!input.silenced) {
    // Never shown (it fired while silenced): this is its first post.
    alert.posted = true;
    for (const channel of alert.channels) notices.push({ kind: 'post', channel, mention: facts.flapping ? undefined : alert.mention });
  }
  const { lastAlertId: _a, lastResolvedAt: _b, ...kept } = previous;
  return { state: { ...kept, since: facts.since, peak: alert.peak, alertId: alert.id }, alert, notices, changed: true, reopened: true };
}

/** A poll without a value: nothing resolves or fires; after `MISSING_POLLS` the open alert says since when. */
function missing(previous: RuleState, open: AlertRecord | undefined, nowIso: string): EvaluationResult {
  const missed = (previous.missed ?? 0) + 1;
  const missingSince = previous.missingSince ?? nowIso;
  const state: RuleState = { ...previous, missed, missingSince };
  if (!open || missed < MISSING_POLLS || open.missingSince) return { state, alert: open, notices: [], changed: true };
  const alert: AlertRecord = { ...open, missingSince };
  const notices: Notice[] = open.posted ? open.channels.map((channel) => ({ kind: 'update', channel })) : [];
  return { state, alert, notices, changed: true };
}

function withoutMissing(state: RuleState): RuleState {
  if (state.missed === undefined && state.missingSince === undefined) return state;
  const { missed: _m, missingSince: _s, ...rest } = state;
  return rest;
}

function isOpen(alert: AlertRecord | undefined): boolean {
  return alert !== undefined && !alert.resolvedAt;
}

/** The trail with this poll's state appended, at most `FLAP_POLLS` long. */
export function nextTrail(trail: string | undefined, open: boolean): string {
  return ((trail ?? '') + (open ? '1' : '0')).slice(-FLAP_POLLS);
}

/** State changes along a trail. */
export function stateChanges(trail: string): number {
  let changes = 0;
  for (let i = 1; i < trail.length; i++) if (trail[i] !== trail[i - 1]) changes += 1;
  return changes;
}

export function isFlapping(trail: string): boolean {
  return stateChanges(trail) >= FLAP_CHANGES;
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

/** Not pending any more: keeps the count, the trail and the last recovered alert (for reopening). */
function reset(state: RuleState): RuleState {
  const { since: _s, peak: _p, alertId: _a, ...kept } = state;
  return kept;
}

function end(
  rule: WatchRule,
  previous: RuleState,
  open: AlertRecord,
  value: number,
  nowIso: string,
  reason: EndReason,
  input: EvaluationInput,
): EvaluationResult {
  const alert: AlertRecord = { ...open, value, resolvedAt: nowIso, endReason: reason };
  delete alert.missingSince;
  const flapping = isFlapping(nextTrail(previous.trail, false));
  if (reason === 'recovered') alert.peak = extreme(rule, open.peak, value);
  const notices: Notice[] = [];
  if (open.posted) {
    for (const channel of open.channels) {
      notices.push({ kind: 'update', channel });
      if (reason === 'recovered' && !input.silenced && !flapping) notices.push({ kind: 'resolved-note', channel });
    }
  }
  const state = reset(previous);
  if (reason === 'recovered') return { state: { ...state, lastAlertId: open.id, lastResolvedAt: nowIso }, alert, notices, changed: true };
  const { lastAlertId: _a, lastResolvedAt: _b, ...rest } = state;
  return { state: rest, alert, notices, changed: true };
}
