/**
 * Early warnings against simulated demo days: every rule below is evaluated poll by poll (one
 * poll a minute, as the watcher does) together with its `forecast`, and the bench counts:
 * - recall: real breaches (alerts that fired) whose early warning was posted at least 5 minutes
 *   before the threshold was first passed (and 5 minutes before the alert fired, separately);
 * - precision: early warnings that turned into the real alert, out of all warnings posted.
 * Trend settings are tuned on the TUNING days and reported on the REPORT days (other dates and
 * another seed), so the figures are not fitted to the days they are measured on.
 *
 * Run: npx tsx bench/forecast.ts [--grid]
 *
 * What was tried (tuning days only; --grid prints it): trend window 5/10/15/20 min, minimum points
 * 3-6 (no effect at one poll a minute: the window is always full), clearing beyond 1, 1.5 or 2
 * horizons (little effect), and holding a warning 0/5/10/15/20 min after the trend last pointed at
 * the threshold (the biggest gain: a queue that dips for a poll or two is still heading there).
 * Chosen: 10 min window, hold 20 min, clear beyond 1.5 horizons. A first rule set without
 * hysteresis (longest wait above 2 min, `for: 0`) flapped into many one-poll "breaches" no trend
 * can see 5 minutes ahead: recall stayed under 35%; the rules below have the hysteresis and `for`
 * a supervisor would set. Not warning when the line already stands past the threshold while the
 * value dips under it (meant to skip a warning right after an alert resolves) cut recall on the
 * tuning days from 49% to 35%: kept warning.
 */
import { createDemoAdapter } from '../adapters/demo/adapter.js';
import { evaluate } from '../src/watcher/evaluate.js';
import { DEFAULT_TUNING, forecastStep, withForecastFields, type WarningTuning } from '../src/watcher/early-warning.js';
import { queueMetric } from '../src/watcher/metric-values.js';
import type { WatchRule } from '../src/watcher/rules.js';
import type { AlertRecord, RuleState } from '../src/watcher/types.js';

const ZONE = 'America/Bogota';
const POLL_MS = 60_000;
const NOTICE_MS = 5 * 60_000;

const base = { source: 'demo', severity: 'warning' as const, channels: ['console'], hysteresis: 0, unansweredAfterMs: 300_000, forecastMs: 15 * 60_000 };
/** The rules a supervisor of the demo would set, each with `forecast: 15m`. */
const RULES: WatchRule[] = [
  { ...base, id: 'waiting', metric: 'queue.waiting', direction: 'above', threshold: 8, forMs: 120_000, hysteresis: 2 },
  { ...base, id: 'longest', metric: 'queue.longest_wait_seconds', direction: 'above', threshold: 120, forMs: 60_000, hysteresis: 30 },
  { ...base, id: 'soporte-longest', metric: 'queue.longest_wait_seconds', queue: 'Soporte', direction: 'above', threshold: 180, forMs: 60_000, hysteresis: 60 },
  { ...base, id: 'ventas-waiting', metric: 'queue.waiting', queue: 'Ventas', direction: 'above', threshold: 5, forMs: 60_000, hysteresis: 1 },
  { ...base, id: 'avg-wait', metric: 'queue.avg_wait_seconds', direction: 'above', threshold: 60, forMs: 0, hysteresis: 10 },
];

interface Tally {
  breaches: number;
  warnedBeforeCrossing: number;
  warnedBeforeFiring: number;
  warnings: number;
  warningsThatBecameAlerts: number;
}

/** The values every rule reads, poll by poll, over `days` simulated days (read once, replayed per setting). */
async function seriesOf(seed: number, firstDay: string, days: number): Promise<{ times: number[]; values: Map<string, Array<number | undefined>> }> {
  let nowMs = 0;
  const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed, timeZone: ZONE, quota: { reservePercent: 10 } }, { now: () => new Date(nowMs) });
  const start = Date.parse(`${firstDay}T00:00:00-05:00`);
  const times: number[] = [];
  const values = new Map<string, Array<number | undefined>>(RULES.map((r) => [r.id, []]));
  for (nowMs = start; nowMs < start + days * 86_400_000; nowMs += POLL_MS) {
    const snapshot = await demo.queue();
    times.push(nowMs);
    for (const rule of RULES) values.get(rule.id)!.push(queueMetric(snapshot, rule.metric, rule.queue));
  }
  return { times, values };
}

type Series = Awaited<ReturnType<typeof seriesOf>>;

function replay({ times, values }: Series, tuning: WarningTuning): Map<string, Tally> {
  const tallies = new Map(RULES.map((r) => [r.id, { breaches: 0, warnedBeforeCrossing: 0, warnedBeforeFiring: 0, warnings: 0, warningsThatBecameAlerts: 0 }]));
  for (const rule of RULES) {
    const tally = tallies.get(rule.id)!;
    let state: RuleState = { ruleId: rule.id, seq: 0 };
    let alert: AlertRecord | undefined;
    let warning: AlertRecord | undefined;
    const series = values.get(rule.id)!;
    for (let i = 0; i < times.length; i++) {
      const now = new Date(times[i]!);
      const value = series[i];
      const facts = { now, active: true, silenced: false, sourceLabel: 'Demo', timeZone: ZONE };
      const result = evaluate(rule, state, alert, { ...facts, value, acknowledged: false });
      const firing = result.alert && !result.alert.resolvedAt ? result.alert : undefined;
      const justFired = firing !== undefined && alert === undefined;
      const step = forecastStep(rule, withForecastFields(result.state, state), warning, { ...facts, value, alert: firing, alertJustFired: justFired, tuning });
      state = step.state;
      alert = firing;
      if (step.warning && !warning) tally.warnings += 1;
      warning = step.warning && !step.warning.resolvedAt ? step.warning : undefined;
      if (step.warning?.endReason === 'became-alert') tally.warningsThatBecameAlerts += 1;
      if (justFired) {
        tally.breaches += 1;
        if (step.warnedBy) {
          const warnedAt = Date.parse(step.warnedBy.at);
          if (Date.parse(firing.since) - warnedAt >= NOTICE_MS) tally.warnedBeforeCrossing += 1;
          if (Date.parse(firing.firedAt) - warnedAt >= NOTICE_MS) tally.warnedBeforeFiring += 1;
        }
      }
    }
  }
  return tallies;
}

function total(tallies: Map<string, Tally>): Tally {
  const sum: Tally = { breaches: 0, warnedBeforeCrossing: 0, warnedBeforeFiring: 0, warnings: 0, warningsThatBecameAlerts: 0 };
  for (const t of tallies.values()) for (const k of Object.keys(sum) as Array<keyof Tally>) sum[k] += t[k];
  return sum;
}

const pct = (a: number, b: number) => (b === 0 ? '  —  ' : `${((100 * a) / b).toFixed(0).padStart(3)}%`);
function line(label: string, t: Tally): string {
  return `${label.padEnd(18)} breaches ${String(t.breaches).padStart(4)}  recall@5m(crossing) ${pct(t.warnedBeforeCrossing, t.breaches)}  recall@5m(alert) ${pct(t.warnedBeforeFiring, t.breaches)}  warnings ${String(t.warnings).padStart(4)}  precision ${pct(t.warningsThatBecameAlerts, t.warnings)}`;
}

const TUNING = { seed: 42, firstDay: '2026-11-02', days: 7 };
const REPORT = { seed: 7, firstDay: '2026-11-16', days: 7 };

const tuningSeries = await seriesOf(TUNING.seed, TUNING.firstDay, TUNING.days);
if (process.argv.includes('--grid')) {
  console.log(`Tuning grid on seed ${TUNING.seed}, ${TUNING.days} days from ${TUNING.firstDay}:`);
  for (const windowMin of [5, 10, 20]) {
    for (const minPoints of [4]) {
      for (const holdMin of [0, 10, 15, 20]) {
        for (const clearFactor of [1.5]) {
          const tuning: WarningTuning = { windowMs: windowMin * 60_000, minPoints, minSpanMs: (minPoints - 1) * 60_000, holdMs: holdMin * 60_000, clearFactor };
          console.log(line(`w=${windowMin} n=${minPoints} h=${holdMin} c=${clearFactor}`, total(replay(tuningSeries, tuning))));
        }
      }
    }
  }
} else {
  const tuning = DEFAULT_TUNING;
  console.log(`Trend: least squares over ${tuning.windowMs / 60_000} min, at least ${tuning.minPoints} points over ${tuning.minSpanMs / 60_000} min; warning held ${tuning.holdMs / 60_000} min after the trend last pointed at the threshold, cleared beyond ${tuning.clearFactor} horizons; forecast 15m; polls every minute.`);
  for (const [name, run] of [['tuning', TUNING], ['report', REPORT]] as const) {
    const tallies = replay(name === 'tuning' ? tuningSeries : await seriesOf(run.seed, run.firstDay, run.days), tuning);
    console.log(`\n${name} days: seed ${run.seed}, ${run.days} days from ${run.firstDay}`);
    for (const [id, t] of tallies) console.log(line(id, t));
    console.log(line('all rules', total(tallies)));
  }
}
