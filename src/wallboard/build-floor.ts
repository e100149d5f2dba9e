import type { MetricName } from '../config/schema.js';
import type { AgentStatus, DayStats, QueueFigures } from '../domain/types.js';
import { ALL_QUEUES, type History } from '../history/index.js';
import type { Fetched } from '../sources/source.js';
import { isBreaching } from '../watcher/evaluate/evaluate.js';
import { formatMetricValue, metricLabel } from '../watcher/model/metric-text.js';
import type { SourceSnapshot } from '../watcher/poll/poll-source.js';
import { seriesKey, type WatchRule } from '../watcher/model/rules.js';
import type { AlertRecord } from '../watcher/model/types.js';
import { floorStaffing, type StaffingSettings } from './floor-staffing.js';
import type { FloorAlert, FloorBoard, FloorTile, TileFigures, TileStatus, TileTarget } from '../domain/floor.js';

/** The sparkline's window. */
const TREND_MS = 3_600_000;
/** Points kept per sparkline: enough for a TV, small on the wire. */
const TREND_POINTS = 60;
/** Today's cached answer is used for service level and staffing up to this old. */
const TODAY_MAX_AGE_MS = 15 * 60_000;
const RANK: Record<TileStatus, number> = { ok: 0, info: 1, warning: 2, critical: 3 };

export interface FloorInputs {
  source: {
    id: string;
    label: string;
    vendor: string;
    timeZone: string;
    cachedAgents?: () => Promise<Fetched<AgentStatus[]> | undefined>;
    cachedToday?: () => Promise<Fetched<DayStats> | undefined>;
  };
  /** The source's `staffing:` settings, for agents needed beside those available. */
  staffing?: StaffingSettings;
  snapshot: SourceSnapshot;
  /** The rules watched now (file and chat), for every source: those of this one colour its tiles. */
  rules: readonly WatchRule[];
  openAlerts: readonly AlertRecord[];
  history?: History;
  /** Real epoch ms of publication. */
  publishedAt: number;
}

/**
 * One source's board from the poll the leader just made: a tile for the totals and one per queue,
 * each figure beside the threshold of every rule on it, coloured by the rules' own comparison
 * (`isBreaching`) and by the alerts open on it; the last hour of chats waiting from History; the
 * agents by state from the answer already cached. Reads no vendor.
 *
 * @example
 *   const board = await buildFloorBoard({ source, snapshot, rules, openAlerts, history, publishedAt: Date.now() });
 */
export async function buildFloorBoard(inputs: FloorInputs): Promise<FloorBoard> {
  const { source, snapshot } = inputs;
  const rules = inputs.rules.filter((r) => r.source === source.id);
  const alerts = inputs.openAlerts.filter((a) => a.source === source.id && !a.resolvedAt);
  const queues = snapshot.queue?.queues ?? [];
  const totals = snapshot.queue?.totals;
  const totalFigures: TileFigures = totals
    ? {
        waiting: totals.waiting,
        longestWaitSeconds: totals.longestWaitSeconds ?? maxOf(queues.map((q) => q.longestWaitSeconds)),
        averageWaitSeconds: totals.averageWaitSeconds,
        abandonedLast30m: totals.abandonedLast30m,
        agentsAvailable: totals.agentsAvailable ?? snapshot.values.get('agents.available|'),
        agentsOnline: totals.agentsOnline ?? snapshot.values.get('agents.online|'),
        ongoingChats: totals.ongoingChats,
      }
    : { agentsAvailable: snapshot.values.get('agents.available|'), agentsOnline: snapshot.values.get('agents.online|') };
  const to = new Date(snapshot.at.getTime());
  const from = new Date(to.getTime() - TREND_MS);
  const trendOf = async (queue: string) =>
    inputs.history
      ? thin((await inputs.history.range(source.id, queue, from, to).catch(() => [])).map((s) => s.figures['queue.waiting']).filter(isNumber), TREND_POINTS)
      : [];

  const totalTile: FloorTile = tileOf(source.label, totalFigures, rules, alerts, snapshot, undefined, await trendOf(ALL_QUEUES));
  totalTile.total = true;
  const queueTiles = await Promise.all(queues.map(async (q) => tileOf(q.name, figuresOf(q), rules, alerts, snapshot, q.name, await trendOf(q.name))));
  queueTiles.sort((a, b) => RANK[b.status] - RANK[a.status] || (b.figures.waiting ?? 0) - (a.figures.waiting ?? 0));

  const agents = await source.cachedAgents?.().catch(() => undefined);
  // Today's answer when someone (a /today, a /staffing, a rule on today's figures) already paid for it.
  const cachedDay = await source.cachedToday?.().catch(() => undefined);
  // An answer older than this says little about now: no service level or staffing rather than an old one.
  const today = cachedDay && snapshot.at.getTime() - Date.parse(cachedDay.asOf) <= TODAY_MAX_AGE_MS ? cachedDay : undefined;
  if (today?.value.slaRate !== undefined) totalTile.figures.serviceLevel = today.value.slaRate;
  const staffing = today && floorStaffing(today.value, agents?.value, inputs.staffing ?? {}, snapshot.at, source.timeZone);
  return {
    source: source.id,
    label: source.label,
    vendor: source.vendor,
    timeZone: source.timeZone,
    polledAt: snapshot.at.toISOString(),
    ...(snapshot.dataAsOf ? { dataAsOf: snapshot.dataAsOf } : {}),
    publishedAt: inputs.publishedAt,
    ok: snapshot.failures.length === 0,
    tiles: [totalTile, ...queueTiles],
    ...(agents ? { agents: { ...byState(agents.value), asOf: agents.asOf } } : {}),
    ...(staffing ? { staffing } : {}),
    alerts: alerts.map(alertOf).sort((a, b) => RANK[b.severity] - RANK[a.severity]),
  };
}

function tileOf(
  name: string,
  figures: TileFigures,
  rules: readonly WatchRule[],
  alerts: readonly AlertRecord[],
  snapshot: SourceSnapshot,
  queue: string | undefined,
  trend: number[],
): FloorTile {
  const wanted = queue?.toLowerCase();
  // A queue's tile: the rules on that queue. The totals: the source-wide rules (no queue).
  const mine = rules.filter((r) => (r.queue?.toLowerCase() ?? undefined) === wanted && (queue === undefined || r.metric.startsWith('queue.')));
  const targets: TileTarget[] = [];
  let status: TileStatus = 'ok';
  for (const rule of mine) {
    const value = valueFor(rule, figures, snapshot);
    const breaching = value !== undefined && isBreaching(rule, value);
    targets.push({
      metric: rule.metric,
      label: metricLabel(rule.metric),
      direction: rule.direction,
      threshold: rule.threshold,
      severity: rule.severity,
      breaching,
    });
    if (breaching) status = worse(status, rule.severity);
  }
  for (const alert of alerts) {
    if (alert.forecast || alert.kind === 'no-figures') continue;
    if ((alert.queue?.toLowerCase() ?? undefined) === wanted) status = worse(status, alert.severity);
  }
  return { name, figures, targets, status, trend };
}

function valueFor(rule: WatchRule, figures: TileFigures, snapshot: SourceSnapshot): number | undefined {
  const polled = snapshot.values.get(seriesKey(rule));
  if (polled !== undefined) return polled;
  const byMetric: Partial<Record<MetricName, number | undefined>> = {
    'queue.waiting': figures.waiting,
    'queue.longest_wait_seconds': figures.longestWaitSeconds,
    'queue.avg_wait_seconds': figures.averageWaitSeconds,
    'queue.abandoned_30m': figures.abandonedLast30m,
    'agents.available': figures.agentsAvailable,
    'agents.online': figures.agentsOnline,
    'chats.ongoing': figures.ongoingChats,
  };
  return byMetric[rule.metric];
}

function alertOf(alert: AlertRecord): FloorAlert {
  const where = alert.queue ? ` · ${alert.queue}` : '';
  const label = alert.kind === 'no-figures' ? 'No figures from the vendor' : metricLabel(alert.metric);
  const figure =
    alert.kind === 'no-figures'
      ? ''
      : `: ${formatMetricValue(alert.metric, alert.value)} (${alert.direction} ${formatMetricValue(alert.metric, alert.threshold)})`;
  return {
    kind: alert.forecast ? 'warning' : 'alert',
    severity: alert.severity,
    text: `${alert.forecast ? 'Heading for: ' : ''}${label}${where}${figure}`,
    since: alert.firedAt,
  };
}

function figuresOf(q: QueueFigures): TileFigures {
  return {
    waiting: q.waiting,
    longestWaitSeconds: q.longestWaitSeconds,
    averageWaitSeconds: q.averageWaitSeconds,
    abandonedLast30m: q.abandonedLast30m,
    agentsAvailable: q.agentsAvailable,
    ongoingChats: q.ongoingChats,
  };
}

function byState(agents: readonly AgentStatus[]): { available: number; busy: number; away: number; offline: number } {
  const out = { available: 0, busy: 0, away: 0, offline: 0 };
  for (const a of agents) if (a.state in out) out[a.state as keyof typeof out] += 1;
  return out;
}

function worse(a: TileStatus, b: TileStatus): TileStatus {
  return RANK[b] > RANK[a] ? b : a;
}

/** At most `n` points, evenly picked, the newest kept. */
function thin(values: number[], n: number): number[] {
  if (values.length <= n) return values;
  const step = values.length / n;
  return Array.from({ length: n }, (_, i) => values[Math.min(values.length - 1, Math.round((i + 1) * step) - 1)]!);
}

function maxOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter(isNumber);
  return known.length ? Math.max(...known) : undefined;
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
