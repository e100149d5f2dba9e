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
  { ...base, id: 'longest', metric: 'queue.longest_wait_seconds', direction: 'above', threshold: 120, forMs: 0 },
  { ...base, id: 'soporte-longest', metric: 'queue.longest_wait_seconds', queue: 'Soporte', direction: 'above', threshold: 120, forMs: 0 },
  { ...base, id: 'ventas-waiting', metric: 'queue.waiting', queue: 'Ventas', direction: 'above', threshold: 5, forMs: 60_000 },
  { ...base, id: 'avg-wait', metric: 'queue.avg_wait_seconds', direction: 'above', threshold: 60, forMs: 0 },
];

interface Tally {
  breaches: number;
  warnedBeforeCrossing: number;
  warnedBeforeFiring: number;
  warnings: number;
  warningsThatBecameAlerts: number;
}

async function runDays(seed: number, firstDay: string, days: number, tuning: WarningTuning): Promise<Map<string, Tally>> {
  const tallies = new Map(RULES.map((r) => [r.id, { breaches: 0, warnedBeforeCrossing: 0, warnedBeforeFiring: 0, warnings: 0, warningsThatBecameAlerts: 0 }]));
  let nowMs = 0;
  const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed, timeZone: ZONE, quota: { reservePercent: 10 } }, { now: () => new Date(nowMs) });
  const start = Date.parse(`${firstDay}T00:00:00-05:00`);
  const states = new Map<string, RuleState>(RULES.map((r) => [r.id, { ruleId: r.id, seq: 0 }]));
  const alerts = new Map<string, AlertRecord | undefined>();
  const warnings = new Map<string, AlertRecord | undefined>();
  for (nowMs = start; nowMs < start + days * 86_400_000; nowMs += POLL_MS) {
    const snapshot = await demo.queue();
    const now = new Date(nowMs);
    for (const rule of RULES) {
      const tally = tallies.get(rule.id)!;
      const value = queueMetric(snapshot, rule.metric, rule.queue);
      const open = alerts.get(rule.id);
      const facts = { now, active: true, silenced: false, sourceLabel: 'Demo', timeZone: ZONE };
      const result = evaluate(rule, states.get(rule.id)!, open, { ...facts, value, acknowledged: false });
      const firing = result.alert && !result.alert.resolvedAt ? result.alert : undefined;
      const justFired = firing !== undefined && firing !== open && open === undefined;
      const step = forecastStep(rule, withForecastFields(result.state, states.get(rule.id)!), warnings.get(rule.id), { ...facts, value, alert: firing, alertJustFired: justFired, tuning });
      states.set(rule.id, step.state);
      alerts.set(rule.id, firing);
      if (step.warning && !warnings.get(rule.id)) tally.warnings += 1;
      warnings.set(rule.id, step.warning && !step.warning.resolvedAt ? step.warning : undefined);
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

if (process.argv.includes('--grid')) {
  console.log(`Tuning grid on seed ${TUNING.seed}, ${TUNING.days} days from ${TUNING.firstDay}:`);
  for (const windowMin of [5, 8, 10, 15]) {
    for (const minPoints of [3, 4, 6]) {
      const trend: WarningTuning = { ...DEFAULT_TUNING, windowMs: windowMin * 60_000, minPoints, minSpanMs: (minPoints - 1) * 60_000 };
      console.log(line(`w=${windowMin}m n>=${minPoints}`, total(await runDays(TUNING.seed, TUNING.firstDay, TUNING.days, trend))));
    }
  }
} else {
  const trend = DEFAULT_TUNING;
  console.log(`Trend: least squares over ${trend.windowMs / 60_000} min, at least ${trend.minPoints} points; forecast 15m; polls every minute.`);
  for (const [name, run] of [['tuning', TUNING], ['report', REPORT]] as const) {
    const tallies = await runDays(run.seed, run.firstDay, run.days, trend);
    console.log(`\n${name} days: seed ${run.seed}, ${run.days} days from ${run.firstDay}`);
    for (const [id, t] of tallies) console.log(line(id, t));
    console.log(line('all rules', total(tallies)));
  }
}
