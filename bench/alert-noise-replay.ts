/**
 * What `bench/alert-noise.ts` replays: every rule of a floor evaluated poll by poll (one poll a
 * minute, as the watcher does) with its early warning, under one configuration (the reopen window
 * and the early-warning tuning), counting what a channel sees.
 *
 * Definitions (issue 20):
 * - a top-level post is a notice of kind 'post' (an alert or an early warning); a reopened alert is
 *   an update of its message and a thread line, not a post;
 * - an incident ("alert as posted") is an alert id that got a 'post' notice;
 * - recall@5m: incidents whose early warning was posted at least 5 minutes before the threshold was
 *   first passed (crossing), and, separately, before the alert fired;
 * - precision: early warnings that became an incident, out of all warnings posted;
 * - a sustained breach is a run of polls past the threshold lasting at least `for` + 2 minutes;
 *   it is unannounced when no posted alert of the rule was open at any poll of the run.
 *
 * Until `evaluate` reopens alerts itself (issue 20, item 1: `reopenWithinMs`, `lastResolvedAt`,
 * `reopened`), a fresh alert within the window of the rule's last recovery is counted here as that
 * incident reopened, and `lastResolvedAt` is set on the state the early warning reads; the
 * `emulatedReopens` count says when that happened.
 */
import { evaluate, isBreaching } from '../src/watcher/evaluate/evaluate.js';
import type { Point } from '../src/forecast/trend.js';
import { forecastStep, PAST_DAY_SPREAD_MS, PAST_DAYS, pastDaysOf, withForecastFields, type WarningTuning } from '../src/watcher/evaluate/early-warning.js';
import type { WatchRule } from '../src/watcher/model/rules.js';
import type { AlertRecord, RuleState } from '../src/watcher/model/types.js';
import type { Series } from './forecast-days.js';

export const MINUTE = 60_000;
export const NOTICE_MS = 5 * MINUTE;

export interface NoiseConfig {
  name: string;
  reopenWithinMs: number;
  tuning: WarningTuning;
}

export interface NoiseTally {
  /** Days replayed (polls of one rule / 1440). */
  days: number;
  alertPosts: number;
  warningPosts: number;
  mentions: number;
  reopens: number;
  emulatedReopens: number;
  incidents: number;
  warnedBeforeCrossing: number;
  warnedBeforeFiring: number;
  warnings: number;
  /** Warnings whose alert then fired: a new incident, or the rule's last alert reopened. */
  warningsTrue: number;
  /** Of those, the ones that became a new incident (a new post). */
  warningsNewIncident: number;
  /** Warnings opened within the reopen window of the rule's last recovered alert, and of those the ones that became a new incident. */
  warningsInWindow: number;
  warningsInWindowNewIncident: number;
  sustained: number;
  sustainedUnannounced: number;
}

export const emptyNoise = (): NoiseTally => ({
  days: 0,
  alertPosts: 0,
  warningPosts: 0,
  mentions: 0,
  reopens: 0,
  emulatedReopens: 0,
  incidents: 0,
  warnedBeforeCrossing: 0,
  warnedBeforeFiring: 0,
  warnings: 0,
  warningsTrue: 0,
  warningsNewIncident: 0,
  warningsInWindow: 0,
  warningsInWindowNewIncident: 0,
  sustained: 0,
  sustainedUnannounced: 0,
});

export function addNoise(into: NoiseTally, t: NoiseTally): NoiseTally {
  for (const k of Object.keys(into) as Array<keyof NoiseTally>) into[k] += t[k];
  return into;
}

type Reopenable = RuleState & { lastResolvedAt?: string };

/** One rule over the series under one configuration. */
export function replayRule(base: WatchRule, series: Series, config: NoiseConfig, zone = 'UTC'): NoiseTally {
  const rule = { ...base, mention: base.mention ?? '@here', reopenWithinMs: config.reopenWithinMs } as WatchRule;
  const tally = emptyNoise();
  const values = series.values.get(rule.id)!;
  let state: Reopenable = { ruleId: rule.id, seq: 0 };
  let alert: AlertRecord | undefined;
  let warning: AlertRecord | undefined;
  let lastResolvedAt: string | undefined;
  /** The rule's last alert once it recovered: `evaluate` reopens it on a breach within the window. */
  let recent: AlertRecord | undefined;
  /** The incident the open alert belongs to: its crossing, its firing, and whether a warning came 5 min before. */
  let incident: { id: string } | undefined;
  let openedInWindow = false;
  let run: { from: number; announced: boolean } | undefined;
  const closeRun = (at: number) => {
    if (run && at - run.from >= rule.forMs + 2 * MINUTE) {
      tally.sustained += 1;
      if (!run.announced) tally.sustainedUnannounced += 1;
    }
    run = undefined;
  };
  tally.days = series.times.length / 1440;
  for (let i = 0; i < series.times.length; i++) {
    const at = series.times[i]!;
    const now = new Date(at);
    const value = values[i];
    const facts = { now, active: true, silenced: false, sourceLabel: 'Floor', timeZone: zone };
    const result = evaluate(rule, state, alert, { ...facts, value, acknowledged: false, recent });
    const firing = result.alert && !result.alert.resolvedAt ? result.alert : undefined;
    const justFired = firing !== undefined && alert === undefined;
    const native = (result as { reopened?: boolean }).reopened === true;
    const posts = result.notices.filter((n) => n.kind === 'post');
    let evaluated: Reopenable = result.state;
    if (result.alert?.resolvedAt && result.alert.endReason === 'recovered' && alert) {
      lastResolvedAt = result.alert.resolvedAt;
      recent = result.alert;
    }
    if (!('lastResolvedAt' in evaluated) && lastResolvedAt) evaluated = { ...evaluated, lastResolvedAt };
    const emulated =
      justFired &&
      !native &&
      config.reopenWithinMs > 0 &&
      lastResolvedAt !== undefined &&
      at - Date.parse(lastResolvedAt) <= config.reopenWithinMs &&
      incident !== undefined;
    if (native || emulated) {
      tally.reopens += 1;
      if (emulated) tally.emulatedReopens += 1;
    } else {
      tally.alertPosts += posts.length;
      tally.mentions += posts.filter((n) => n.kind === 'post' && n.mention).length;
    }
    const pastDays = config.tuning.minPastShare > 0 ? pastDaysAt(rule, series, values, i) : undefined;
    const step = forecastStep(rule, withForecastFields(evaluated, state), warning, {
      ...facts,
      value,
      alert: firing,
      alertJustFired: justFired,
      tuning: config.tuning,
      pastDays,
    });
    if (step.warning && !warning && !step.warning.resolvedAt) {
      tally.warnings += 1;
      openedInWindow = lastResolvedAt !== undefined && at - Date.parse(lastResolvedAt) <= rule.reopenWithinMs!;
      if (openedInWindow) tally.warningsInWindow += 1;
      tally.warningPosts += step.notices.filter((n) => n.kind === 'post').length;
    }
    if (step.warning?.endReason === 'became-alert') {
      tally.warningsTrue += 1;
      if (!native && !emulated) tally.warningsNewIncident += 1;
      if (!native && !emulated && openedInWindow) tally.warningsInWindowNewIncident += 1;
    }
    if (justFired && !native && !emulated && posts.length > 0) {
      tally.incidents += 1;
      incident = { id: firing.id };
      if (step.warnedBy) {
        const warnedAt = Date.parse(step.warnedBy.at);
        if (Date.parse(firing.since) - warnedAt >= NOTICE_MS) tally.warnedBeforeCrossing += 1;
        if (Date.parse(firing.firedAt) - warnedAt >= NOTICE_MS) tally.warnedBeforeFiring += 1;
      }
    }
    state = step.state;
    alert = firing;
    warning = step.warning && !step.warning.resolvedAt ? step.warning : undefined;
    // Sustained breaches: a run of polls past the threshold, announced when a posted alert is open in it.
    if (value !== undefined && isBreaching(rule, value)) {
      run ??= { from: at, announced: false };
      if (firing?.posted) run.announced = true;
    } else if (value !== undefined) closeRun(at);
  }
  closeRun(series.times.at(-1)! + MINUTE);
  return tally;
}

/**
 * The past days around this poll's time of day as the watcher reads them from history: beyond the
 * last day history keeps the last sample of each 5-minute slot, so only those polls are seen.
 */
export function pastDaysAt(rule: WatchRule, series: Series, values: ReadonlyArray<number | undefined>, i: number): { days: number; breached: number } {
  const spread = PAST_DAY_SPREAD_MS / MINUTE;
  const days: Point[][] = [];
  for (let d = 1; d <= PAST_DAYS; d++) {
    const points: Point[] = [];
    for (let j = Math.max(0, i - d * 1440 - spread); j <= i - d * 1440 + spread && j >= 0; j++) {
      const at = series.times[j]!;
      if (Math.floor(at / MINUTE) % 5 === 4 && values[j] !== undefined) points.push({ at, value: values[j]! });
    }
    days.push(points);
  }
  return pastDaysOf(rule, days);
}

export function replayFloor(rules: readonly WatchRule[], series: Series, config: NoiseConfig, zone = 'UTC'): Map<string, NoiseTally> {
  return new Map(rules.map((rule) => [rule.id, replayRule(rule, series, config, zone)]));
}
