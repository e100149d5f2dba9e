/**
 * How far can any early warning go on issue 20's terms (incidents, one alert per incident)? A
 * stand-in for the best warning the watcher's inputs allow, per floor family: per rule, a logistic
 * regression fitted on the family's tuning days to say, at each poll, "a new incident of this
 * rule (a breach that would be posted, not a reopen) passes the threshold 5 to 20 minutes from
 * now". It reads everything the watcher has without another vendor request: the trend (how soon
 * its line crosses), the value and its 15-minute peak against the threshold, the floor
 * from the same queue snapshot (waiting now and its 15-minute peak, chats per agent online, share
 * of agents with a free slot, someone waiting with nobody free), the rule's past 7 days at this
 * time of day, minutes since its last alert ended and whether that is within the reopen window.
 * Warnings from its probability open above a cut, are held 30 minutes after it last was, end when
 * the alert fires (new or reopened), and never open while the alert is open; counted as
 * `bench/alert-noise.ts` counts them. The held-out sweep over cuts is the frontier: recall@5m over
 * incidents against precision and warnings per incident.
 *
 * It is fitted to each family and is not a product; it answers whether the targets (recall 70%,
 * precision 65%, warnings at most incidents) can be met together with these inputs.
 *
 * Run: npx tsx bench/alert-noise-bound.ts   (about 90 s)
 */
import { crossingOf, type Point } from '../src/forecast/trend.js';
import { DEFAULT_REOPEN_MS, evaluate, isBreaching } from '../src/watcher/evaluate/evaluate.js';
import type { WatchRule } from '../src/watcher/model/rules.js';
import type { AlertRecord, RuleState } from '../src/watcher/model/types.js';
import { FAMILY_LIST } from './alert-noise.js';
import type { Series } from './forecast-days.js';
import { fitLogistic } from './logistic.js';

const MINUTE = 60_000;
const HOLD_POLLS = 30;
const TREND = { windowMs: 15 * MINUTE, minPoints: 4, minSpanMs: 3 * MINUTE, peakOf: 2 };

/** The rule's alerts poll by poll: when each fired, whether it was a reopen, when it crossed and ended. */
interface Fire {
  fired: number;
  crossed: number;
  reopen: boolean;
}

function alertsOf(rule: WatchRule, series: Series): { fires: Fire[]; open: boolean[]; endedAt: number[] } {
  const values = series.values.get(rule.id)!;
  const fires: Fire[] = [];
  const open: boolean[] = [];
  const endedAt: number[] = [];
  let state: RuleState = { ruleId: rule.id, seq: 0 };
  let alert: AlertRecord | undefined;
  let recent: AlertRecord | undefined;
  for (let i = 0; i < values.length; i++) {
    const r = evaluate({ ...rule, reopenWithinMs: DEFAULT_REOPEN_MS }, state, alert, {
      value: values[i],
      now: new Date(series.times[i]!),
      active: true,
      silenced: false,
      acknowledged: false,
      sourceLabel: 'x',
      timeZone: 'UTC',
      recent,
    });
    state = r.state;
    const firing = r.alert && !r.alert.resolvedAt ? r.alert : undefined;
    if (r.alert?.endReason === 'recovered' && alert) {
      recent = r.alert;
      endedAt.push(i);
    }
    if (firing && !alert) fires.push({ fired: i, crossed: Math.round((Date.parse(firing.since) - series.times[0]!) / MINUTE), reopen: r.reopened === true });
    open.push(firing !== undefined);
    alert = firing;
  }
  return { fires, open, endedAt };
}

function featuresOf(rule: WatchRule, series: Series, endedAt: readonly number[]): number[][] {
  const values = series.values.get(rule.id)!;
  const ended = new Set(endedAt);
  const rows: number[][] = [];
  let lastEnd = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (ended.has(i)) lastEnd = i;
    const points: Point[] = [];
    for (let j = Math.max(0, i - 19); j <= i; j++) if (values[j] !== undefined) points.push({ at: series.times[j]!, value: values[j]! });
    const crossing = crossingOf(points, rule, TREND);
    const recent = values.slice(Math.max(0, i - 14), i + 1).map((v) => v ?? 0);
    const floor = series.floor[i]!;
    const online = Math.max(1, floor.agentsOnline);
    const recentWaiting = series.floor.slice(Math.max(0, i - 14), i + 1).map((f) => f.waiting);
    let days = 0;
    let breached = 0;
    for (let d = 1; d <= 7 && i - d * 1440 - 15 >= 0; d++) {
      days += 1;
      for (let j = i - d * 1440 - 15; j <= i - d * 1440 + 15; j++) {
        if (values[j] !== undefined && isBreaching(rule, values[j]!)) {
          breached += 1;
          break;
        }
      }
    }
    const since = Math.min(60, i - lastEnd);
    rows.push([
      crossing ? 1 / (1 + crossing.inMs / MINUTE) : 0,
      (values[i] ?? 0) / rule.threshold,
      Math.max(...recent) / rule.threshold,
      floor.waiting,
      Math.max(...recentWaiting),
      floor.ongoingChats / online,
      floor.agentsAvailable / online,
      floor.waiting > 0 && floor.agentsAvailable === 0 ? 1 : 0,
      days > 0 ? breached / days : 0,
      since / 60,
      since <= 5 ? 1 : 0,
    ]);
  }
  return rows;
}

function labelsOf(length: number, fires: readonly Fire[]): number[] {
  const y = new Array<number>(length).fill(0);
  for (const f of fires) if (!f.reopen) for (let i = Math.max(0, f.crossed - 20); i <= f.crossed - 5; i++) y[i] = 1;
  return y;
}

interface Count {
  days: number;
  incidents: number;
  warned: number;
  warnings: number;
  cameTrue: number;
  newIncident: number;
}

function countOf(p: readonly number[], cut: number, fires: readonly Fire[], open: readonly boolean[]): Count {
  const c: Count = { days: p.length / 1440, incidents: 0, warned: 0, warnings: 0, cameTrue: 0, newIncident: 0 };
  const fireAt = new Map(fires.map((f) => [f.fired, f]));
  let openSince: number | undefined;
  let lastAbove = 0;
  for (let i = 0; i < p.length; i++) {
    const fire = fireAt.get(i);
    if (fire) {
      if (!fire.reopen) c.incidents += 1;
      if (openSince !== undefined) {
        c.cameTrue += 1;
        if (!fire.reopen) {
          c.newIncident += 1;
          if (fire.crossed - openSince >= 5) c.warned += 1;
        }
        openSince = undefined;
      }
      continue;
    }
    if (open[i]) continue;
    if (p[i]! > cut) lastAbove = i;
    if (openSince === undefined && p[i]! > cut) {
      openSince = i;
      c.warnings += 1;
    } else if (openSince !== undefined && i - lastAbove >= HOLD_POLLS) openSince = undefined;
  }
  return c;
}

const CUTS = [0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(0)}%`);

for (const family of FAMILY_LIST) {
  const tuning = await family.tuning();
  const held: Series[] = [];
  for (const h of family.heldOut) held.push(await h.series());
  const models = new Map(
    family.rules.map((rule) => {
      const { fires, endedAt } = alertsOf(rule, tuning);
      const rows = featuresOf(rule, tuning, endedAt);
      return [rule.id, fitLogistic(rows, labelsOf(rows.length, fires))] as const;
    }),
  );
  const prepared = held.flatMap((series) =>
    family.rules.map((rule) => {
      const { fires, open, endedAt } = alertsOf(rule, series);
      const model = models.get(rule.id)!;
      return { fires, open, p: featuresOf(rule, series, endedAt).map((row) => model(row)) };
    }),
  );
  console.log(`\n## ${family.name}: classifier fitted on the tuning days, held out ${family.heldOut.map((h) => h.label).join(', ')}`);
  console.log('| cut | recall@5m over incidents | precision (alert fired) | precision (new incident) | warnings per incident |');
  console.log('|---|---|---|---|---|');
  for (const cut of CUTS) {
    const sum: Count = { days: 0, incidents: 0, warned: 0, warnings: 0, cameTrue: 0, newIncident: 0 };
    for (const r of prepared) {
      const c = countOf(r.p, cut, r.fires, r.open);
      for (const k of Object.keys(sum) as Array<keyof Count>) sum[k] += c[k];
    }
    console.log(
      `| ${cut} | ${pct(sum.warned, sum.incidents)} | ${pct(sum.cameTrue, sum.warnings)} | ${pct(sum.newIncident, sum.warnings)} | ${(sum.warnings / sum.incidents).toFixed(2)} |`,
    );
  }
}
