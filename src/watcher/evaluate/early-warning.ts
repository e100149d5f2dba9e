import { crossingOf, DEFAULT_TREND, type Point, type TrendOptions } from '../../forecast/trend.js';
import { DEFAULT_REOPEN_MS, extreme, isBreaching } from './evaluate.js';
import type { Notice } from './evaluate.js';
import { ruleFields } from '../model/alert-record.js';
import type { WatchRule } from '../model/rules.js';
import type { AlertRecord, RuleState } from '../model/types.js';

/** Points kept per rule: a little more than the trend window at one poll a minute. */
export const KEPT_POINTS = 20;
/**
 * How a warning opens and clears: the trend settings, how far past the horizon a crossing may move
 * before the warning clears, and how long after the trend last pointed at the threshold the
 * warning holds (a queue that dips for a poll or two is still heading there). Tuned by
 * `bench/forecast.ts`.
 */
export interface WarningTuning extends TrendOptions {
  clearFactor: number;
  holdMs: number;
  /**
   * No new warning this soon after the rule's last alert recovered (never longer than its reopen
   * window): the figure is still settling, and a breach now would reopen that alert, not post one.
   */
  quietAfterRecoveryMs: number;
  /**
   * A warning opens only when the figure was past the threshold around this time of day on at
   * least this share of the past days history holds (none held: no gate). 0: no gate.
   */
  minPastShare: number;
}

export const DEFAULT_TUNING: WarningTuning = { ...DEFAULT_TREND, clearFactor: 2, holdMs: 30 * 60_000, quietAfterRecoveryMs: 4 * 60_000, minPastShare: 0.5 };

/** How much history a warning reads: the trend window and the polls its first peaks look back on. */
export const WARNING_HISTORY_MS = DEFAULT_TUNING.windowMs + 5 * 60_000;

export interface ForecastInput {
  value: number | undefined;
  now: Date;
  active: boolean;
  silenced: boolean;
  /** The rule's alert after this poll's evaluation, when it is open. */
  alert: AlertRecord | undefined;
  /** True when that alert fired on this poll. */
  alertJustFired: boolean;
  sourceLabel: string;
  timeZone: string;
  tuning?: WarningTuning;
  /** The series from history (this poll included); without it the rule's own recent points are kept and used. */
  points?: Point[];
  /** The rule's past days around this time of day (`pastDaysOf`); without it the past is not asked. */
  pastDays?: PastDays;
}

/** Past days history holds around this time of day, and on how many of them the figure was past the threshold. */
export interface PastDays {
  days: number;
  breached: number;
}

export interface ForecastResult {
  state: RuleState;
  /** The warning after this poll (open, or just resolved); undefined when there is none. */
  warning?: AlertRecord;
  notices: Notice[];
  changed: boolean;
  /** Set when the alert that just fired had been foreseen: link it to the warning. */
  warnedBy?: { id: string; at: string };
}

/**
 * One poll of a rule's early warning, after the rule itself was evaluated (pure):
 * - the value joins the rule's recent points;
 * - no alert open: when the trend crosses the threshold within `forecast`, a
 *   warning is posted (no mention: it is a heads-up), updated in place as the expected time moves
 *   by a minute or more, and resolved once the trend has not pointed at the threshold within
 *   `clearFactor` horizons for `holdMs`; at most one is open per rule;
 * - but no new warning within `quietAfterRecoveryMs` of the rule's alert recovering (a breach then
 *   reopens that alert), nor at an hour the figure stayed under its threshold on most of the past
 *   days history holds (`minPastShare`): on simulated floors of three kinds these gates halve the
 *   warnings and raise their precision, at the cost of early notice (`bench/alert-noise.ts`);
 * - the alert fires: the open warning resolves as "became the alert", and the alert links to it;
 * - outside active hours or while silenced nothing new is posted; an open warning ends outside
 *   active hours.
 *
 * @example
 *   const step = forecastStep(rule, result.state, openWarning, { value, now, active: true, silenced: false, alert: result.alert, alertJustFired: true, sourceLabel, timeZone });
 */
export function forecastStep(rule: WatchRule, state: RuleState, open: AlertRecord | undefined, input: ForecastInput): ForecastResult {
  const { now, value } = input;
  const nowIso = now.toISOString();
  const horizonMs = rule.forecastMs ?? 0;
  let next: RuleState = state;
  let changed = false;
  if (input.points && state.recent) {
    const { recent: _dropped, ...rest } = next;
    next = rest;
    changed = true;
  } else if (!input.points && value !== undefined && Number.isFinite(value)) {
    const recent = [...(state.recent ?? []), [now.getTime(), value] as [number, number]].slice(-KEPT_POINTS);
    next = { ...next, recent };
    changed = true;
  }
  const close = (reason: 'trend-cleared' | 'became-alert' | 'inactive' | 'rule-removed', alertId?: string): ForecastResult => {
    const warning: AlertRecord = {
      ...open!,
      value: value ?? open!.value,
      resolvedAt: nowIso,
      endReason: reason,
      forecast: { ...open!.forecast!, ...(alertId ? { alertId } : {}) },
    };
    const { warningId: _closed, ...rest } = next;
    const notices: Notice[] = open!.posted ? open!.channels.map((channel) => ({ kind: 'update', channel })) : [];
    return {
      state: rest,
      warning,
      notices,
      changed: true,
      warnedBy: reason === 'became-alert' && open!.posted ? { id: open!.id, at: open!.firedAt } : undefined,
    };
  };

  if (input.alert) {
    if (open) return close('became-alert', input.alert.id);
    return { state: next, notices: [], changed };
  }
  if (!input.active) {
    if (open) return close('inactive');
    return { state: next, notices: [], changed };
  }
  const points: Point[] = input.points ?? (next.recent ?? []).map(([at, v]) => ({ at, value: v }));
  const tuning = input.tuning ?? DEFAULT_TUNING;
  const crossing = crossingOf(points, rule, tuning);
  const pending = value !== undefined && isBreaching(rule, value);

  if (open) {
    const pointing = crossing !== undefined && crossing.inMs <= horizonMs * tuning.clearFactor;
    const lastSeen = Date.parse(open.forecast!.seenAt ?? open.firedAt);
    const holds = pending || pointing || now.getTime() - lastSeen < tuning.holdMs;
    if (!holds) return close('trend-cleared');
    if (!crossing || !pointing) return { state: next, warning: open, notices: [], changed };
    const forecast = { ...open.forecast!, inSeconds: Math.round(crossing.inMs / 1000), slopePerMinute: crossing.trend.slopePerMinute, seenAt: nowIso };
    const warning: AlertRecord = { ...open, value: value ?? open.value, peak: value === undefined ? open.peak : extreme(rule, open.peak, value), forecast };
    // Edit the message only when the minutes to go moved (not at every wobble of the value).
    const moved = minutesOf(open.forecast!.inSeconds) !== minutesOf(forecast.inSeconds);
    const notices: Notice[] = moved && open.posted ? open.channels.map((channel) => ({ kind: 'update', channel })) : [];
    return { state: next, warning, notices, changed: true };
  }

  // A line already past the threshold while the value dips under it still warns: on the tuning days
  // a series hovering at the threshold crossed it soon after more often than not (bench/forecast).
  const quiet = { state: next, notices: [], changed };
  if (!crossing || crossing.inMs > horizonMs || input.silenced || value === undefined) return quiet;
  if (justRecovered(rule, next, now, tuning.quietAfterRecoveryMs)) return quiet;
  const past = input.pastDays;
  if (tuning.minPastShare > 0 && past && past.days > 0 && past.breached / past.days < tuning.minPastShare) return quiet;
  const warned = (next.warned ?? 0) + 1;
  const warning: AlertRecord = {
    id: `${rule.id}:early-${warned}`,
    ...ruleFields(rule, input),
    value,
    peak: value,
    since: nowIso,
    firedAt: nowIso,
    posted: true,
    forecast: { inSeconds: Math.round(crossing.inMs / 1000), slopePerMinute: crossing.trend.slopePerMinute, horizonMs, seenAt: nowIso },
  };
  return { state: { ...next, warningId: warning.id, warned }, warning, notices: rule.channels.map((channel) => ({ kind: 'post', channel })), changed: true };
}

/** The rule's last alert recovered less than `quietMs` ago (at most its reopen window). */
function justRecovered(rule: WatchRule, state: RuleState, now: Date, quietMs: number): boolean {
  if (!state.lastResolvedAt || quietMs <= 0) return false;
  return now.getTime() - Date.parse(state.lastResolvedAt) < Math.min(quietMs, rule.reopenWithinMs ?? DEFAULT_REOPEN_MS);
}

/** How far either side of this time of day a past day counts (`pastDaysOf`), and how many past days are read. */
export const PAST_DAY_SPREAD_MS = 30 * 60_000;
export const PAST_DAYS = 7;

/**
 * Of the past days history holds around this time of day (one list of points per day, empty when
 * history has nothing then), on how many the rule's figure was past its threshold. Beyond the last
 * day history keeps one sample per 5 minutes, so a breach shorter than that may go unseen.
 *
 * @example
 *   pastDaysOf(rule, [[{ at, value: 3 }], [], [{ at, value: 12 }]]); // { days: 2, breached: 1 }
 */
export function pastDaysOf(rule: Pick<WatchRule, 'direction' | 'threshold'>, days: ReadonlyArray<readonly Point[]>): PastDays {
  const held = days.filter((points) => points.length > 0);
  return { days: held.length, breached: held.filter((points) => points.some((p) => isBreaching(rule, p.value))).length };
}

/** The evaluated state with the forecast's own fields, which `evaluate` does not carry, from before. */
export function withForecastFields(evaluated: RuleState, previous: RuleState): RuleState {
  const { recent, warningId, warned } = previous;
  return { ...evaluated, ...(recent ? { recent } : {}), ...(warningId ? { warningId } : {}), ...(warned ? { warned } : {}) };
}

/** Whole minutes to go as a message shows them ("about 8 min"). */
export function minutesOf(seconds: number): number {
  return Math.max(0, Math.round(seconds / 60));
}
