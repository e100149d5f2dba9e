import { ALL_QUEUES, type History, type Sample } from '../src/history/history.js';
import type { ChartThreshold, ReplyChart } from '../src/reply/chart.js';
import { ruleIdOf } from '../src/config/rule-id.js';
import type { CommandContext } from '../src/router/types.js';
import { formatCount, formatDuration } from '../src/reply/format.js';
import { localized, type Localized } from '../src/i18n/index.js';
import { bucketMax, sparkline } from '../src/reply/sparkline.js';
import type { Source } from '../src/sources/source.js';

const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;
/** Characters in a queue's sparkline: the last hour in 3-minute steps. */
export const SPARK_WIDTH = 20;
/** Below this many waiting the sparkline stays low: one chat coming and going is no surge. */
const SPARK_FLOOR = 4;

export interface QueueTrends {
  /** Queue name (as the snapshot spells it) to its last hour of waiting chats as a sparkline. */
  sparklines: Map<string, string>;
  chart?: ReplyChart;
}

/**
 * Trends for `/queue` from history: per queue, the last hour of waiting chats as a sparkline;
 * for the source, a chart of waiting and longest wait over the last two hours, with the same
 * hours a week ago where history has them. Empty when there is no history (yet).
 *
 * @example
 *   const { sparklines, chart } = await queueTrends(ctx.history, source, ['Ventas', 'Soporte'], ctx.now());
 *   sparklines.get('Ventas'); // "▁▁▂▂▃▅▆▆▇█▇▆▅▄▃▃▂▂▁▁"
 */
export async function queueTrends(
  history: History | undefined,
  source: Source,
  queues: readonly string[],
  now: Date,
  thresholds: ChartThreshold[] = [],
  said: Localized = localized('en'),
): Promise<QueueTrends> {
  const sparklines = new Map<string, string>();
  if (!history) return { sparklines };
  const to = now.getTime();
  const [perQueue, recent, lastWeek] = await Promise.all([
    Promise.all(queues.map((q) => history.range(source.id, q, new Date(to - HOUR), now))),
    history.range(source.id, ALL_QUEUES, new Date(to - 2 * HOUR), now),
    history.range(source.id, ALL_QUEUES, new Date(to - WEEK - 2 * HOUR), new Date(to - WEEK)),
  ]);
  queues.forEach((name, i) => {
    const samples = perQueue[i]!;
    if (samples.length < 2) return;
    const buckets = bucketMax(
      samples.map((s) => ({ at: s.at, value: s.figures['queue.waiting'] })),
      to - HOUR,
      to,
      SPARK_WIDTH,
    );
    const top = Math.max(SPARK_FLOOR, ...buckets.filter((v): v is number => v !== undefined));
    sparklines.set(name, sparkline(buckets, top));
  });
  return {
    sparklines,
    chart: recent.length >= 2 ? { ...waitChart(source, recent, lastWeek, said), ...(thresholds.length ? { thresholds } : {}) } : undefined,
  };
}

function waitChart(source: Source, recent: Sample[], lastWeek: Sample[], said: Localized): ReplyChart {
  const { t } = said;
  const points = (samples: Sample[], figure: string, shift = 0): Array<[number, number | null]> =>
    samples.map((s) => [s.at + shift, s.figures[figure] ?? null]);
  const series: ReplyChart['series'] = [
    { name: t('trend.waiting'), unit: 'count', points: points(recent, 'queue.waiting') },
    { name: t('trend.longestWait'), unit: 'seconds', points: points(recent, 'queue.longest_wait_seconds') },
  ];
  if (lastWeek.length >= 2) {
    series.push(
      { name: t('trend.waitingLastWeek'), unit: 'count', role: 'comparison', points: points(lastWeek, 'queue.waiting', WEEK) },
      { name: t('trend.longestWaitLastWeek'), unit: 'seconds', role: 'comparison', points: points(lastWeek, 'queue.longest_wait_seconds', WEEK) },
    );
  }
  return {
    title: t('trend.title', { source: source.label }),
    description: describeTrend(recent, lastWeek, said),
    timeZone: source.timeZone,
    kind: 'line',
    series,
    axes: { count: 'Chats waiting', seconds: 'Longest wait' },
  };
}

/**
 * The alert thresholds a source's wait chart shows: the rules on its whole queue (not one
 * queue's) for chats waiting or the longest wait, as they are now (the chat's changes applied,
 * rules turned off left out).
 *
 * @example
 *   const thresholds = await queueThresholds(ctx, 'bogota'); // [{ value: 8, unit: 'count', label: 'queue-long: above 8' }]
 */
export async function queueThresholds(ctx: Pick<CommandContext, 'config' | 'ruleEditing'>, sourceId: string): Promise<ChartThreshold[]> {
  const rules = ctx.ruleEditing
    ? (await ctx.ruleEditing.rules().catch(() => [])).filter((r) => r.enabled)
    : ctx.config.alerts.map((rule, i) => ({ id: ruleIdOf(rule, i), rule }));
  return rules.flatMap(({ id, rule }): ChartThreshold[] => {
    if (rule.source !== sourceId || rule.queue !== undefined) return [];
    const unit = rule.metric === 'queue.waiting' ? 'count' : rule.metric === 'queue.longest_wait_seconds' ? 'seconds' : undefined;
    const value = rule.above ?? rule.below;
    if (!unit || value === undefined) return [];
    const shown = unit === 'seconds' ? formatDuration(value) : formatCount(value);
    return [
      { value, unit, label: `${id}: ${rule.above !== undefined ? 'above' : 'below'} ${shown}`, tone: rule.severity === 'critical' ? 'danger' : 'warning' },
    ];
  });
}

/** "Waiting 3 → 9 (peak 11); longest wait 40s → 3m 10s. Same time last week: peak 6 waiting." */
function describeTrend(recent: Sample[], lastWeek: Sample[], { t, fmt }: Localized): string {
  const values = (samples: Sample[], figure: string) => samples.map((s) => s.figures[figure]).filter((v): v is number => v !== undefined);
  const waiting = values(recent, 'queue.waiting');
  const longest = values(recent, 'queue.longest_wait_seconds');
  const parts: string[] = [];
  if (waiting.length)
    parts.push(t('trend.waitingFromTo', { from: fmt.count(waiting[0]), to: fmt.count(waiting.at(-1)), peak: fmt.count(Math.max(...waiting)) }));
  if (longest.length) parts.push(t('trend.longestFromTo', { from: fmt.duration(longest[0]), to: fmt.duration(longest.at(-1)) }));
  let text = t('trend.overLastTwoHours', { parts: parts.join('; ') });
  const before = values(lastWeek, 'queue.waiting');
  if (before.length) text += ` ${t('trend.lastWeek', { peak: fmt.count(Math.max(...before)) })}`;
  return text;
}
