/**
 * What `bench/forecast.ts` and `bench/forecast-bound.ts` share: the rules a supervisor of the demo
 * would set, the simulated days (tuning and held out), and the demo's figures poll by poll.
 */
import { createDemoAdapter } from '../adapters/demo/adapter.js';
import { queueMetric } from '../src/watcher/poll/metric-values.js';
import type { WatchRule } from '../src/watcher/model/rules.js';

export const ZONE = 'America/Bogota';
export const POLL_MS = 60_000;
export const NOTICE_MS = 5 * 60_000;

const base = { source: 'demo', severity: 'warning' as const, channels: ['console'], hysteresis: 0, unansweredAfterMs: 300_000, forecastMs: 15 * 60_000 };
/** The rules a supervisor of the demo would set, each with `forecast: 15m`. */
export const RULES: WatchRule[] = [
  { ...base, id: 'waiting', metric: 'queue.waiting', direction: 'above', threshold: 8, forMs: 120_000, hysteresis: 2 },
  { ...base, id: 'longest', metric: 'queue.longest_wait_seconds', direction: 'above', threshold: 120, forMs: 60_000, hysteresis: 30 },
  { ...base, id: 'soporte-longest', metric: 'queue.longest_wait_seconds', queue: 'Soporte', direction: 'above', threshold: 180, forMs: 60_000, hysteresis: 60 },
  { ...base, id: 'ventas-waiting', metric: 'queue.waiting', queue: 'Ventas', direction: 'above', threshold: 5, forMs: 60_000, hysteresis: 1 },
  { ...base, id: 'avg-wait', metric: 'queue.avg_wait_seconds', direction: 'above', threshold: 60, forMs: 0, hysteresis: 10 },
];

export interface Days {
  seed: number;
  firstDay: string;
  days: number;
}

export const TUNING: Days = { seed: 42, firstDay: '2026-11-02', days: 7 };
/** Held-out days: other seeds, other weeks. */
export const REPORTS: Days[] = [
  { seed: 7, firstDay: '2026-11-16', days: 7 },
  { seed: 1, firstDay: '2026-09-07', days: 7 },
  { seed: 2026, firstDay: '2026-10-05', days: 7 },
  { seed: 99, firstDay: '2027-01-11', days: 7 },
];

/** The whole floor at one poll, as the queue snapshot gives it (no extra vendor request). */
export interface Floor {
  waiting: number;
  averageWaitSeconds: number;
  agentsAvailable: number;
  agentsOnline: number;
  ongoingChats: number;
}

export interface Series {
  times: number[];
  /** Each rule's value, poll by poll. */
  values: Map<string, Array<number | undefined>>;
  floor: Floor[];
}

/** The values every rule reads, poll by poll (one a minute), over the simulated days. */
export async function seriesOf({ seed, firstDay, days }: Days): Promise<Series> {
  let nowMs = 0;
  const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed, timeZone: ZONE, quota: { reservePercent: 10 } }, { now: () => new Date(nowMs) });
  const start = Date.parse(`${firstDay}T00:00:00-05:00`);
  const times: number[] = [];
  const floor: Floor[] = [];
  const values = new Map<string, Array<number | undefined>>(RULES.map((r) => [r.id, []]));
  for (nowMs = start; nowMs < start + days * 86_400_000; nowMs += POLL_MS) {
    const snapshot = await demo.queue();
    times.push(nowMs);
    const t = snapshot.totals;
    floor.push({
      waiting: t.waiting,
      averageWaitSeconds: t.averageWaitSeconds ?? 0,
      agentsAvailable: t.agentsAvailable ?? 0,
      agentsOnline: t.agentsOnline ?? 0,
      ongoingChats: t.ongoingChats ?? 0,
    });
    for (const rule of RULES) values.get(rule.id)!.push(queueMetric(snapshot, rule.metric, rule.queue));
  }
  return { times, values, floor };
}

export interface Tally {
  breaches: number;
  /** Breaches that passed the threshold within 5 minutes of the rule's previous alert ending. */
  rebreaches: number;
  warnedBeforeCrossing: number;
  warnedBeforeFiring: number;
  warnings: number;
  warningsThatBecameAlerts: number;
}

/**
 * A re-breach can never be warned 5 minutes before it passes the threshold (a warning ends when its
 * alert fires, and a new one can only open after that alert ends), so every breach warned that early
 * is a fresh one: recall over fresh breaches is warnedBeforeCrossing / (breaches - rebreaches).
 */
export const emptyTally = (): Tally => ({
  breaches: 0,
  rebreaches: 0,
  warnedBeforeCrossing: 0,
  warnedBeforeFiring: 0,
  warnings: 0,
  warningsThatBecameAlerts: 0,
});

export function total(tallies: Iterable<Tally>): Tally {
  const sum = emptyTally();
  for (const t of tallies) for (const k of Object.keys(sum) as Array<keyof Tally>) sum[k] += t[k];
  return sum;
}

export const pct = (a: number, b: number) => (b === 0 ? '  —  ' : `${((100 * a) / b).toFixed(0).padStart(3)}%`);

export function line(label: string, t: Tally): string {
  return `${label.padEnd(18)} breaches ${String(t.breaches).padStart(4)}  re-breaches ${String(t.rebreaches).padStart(3)}  recall@5m(crossing) ${pct(t.warnedBeforeCrossing, t.breaches)} (of fresh ${pct(t.warnedBeforeCrossing, t.breaches - t.rebreaches)})  recall@5m(alert) ${pct(t.warnedBeforeFiring, t.breaches)}  warnings ${String(t.warnings).padStart(4)}  precision ${pct(t.warningsThatBecameAlerts, t.warnings)}`;
}
