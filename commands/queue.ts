import type { QueueFigures } from '../src/domain/types.js';
import type { Source } from '../src/sources/source.js';
import type { ColumnKind, ReplyField } from '../src/reply/reply.js';
import type { CommandDefinition } from '../src/router/types.js';
import { localized, type Localized } from '../src/i18n/index.js';
import { pageOf } from '../src/reply/paging.js';
import { atLeast, nextPageButton, pageNote, refreshButton, sourceContext, speech, unexpectedArgument } from './common.js';
import { queueThresholds, queueTrends } from './queue-trend.js';

/**
 * `/queue [source]`: who is waiting now, per queue, worst first.
 *
 * @example
 *   await queueCommand.handler(ctx); // "Queue — Bogotá", "12 waiting · longest 4m 10s · 3 agents available"
 */
export const queueCommand: CommandDefinition = {
  name: 'queue',
  summary: localized('en').t('command.queue.summary'),
  usage: '/queue [source]',
  examples: ({ sources }) => ['/queue', ...(sources.length ? [`/queue ${sources[1] ?? sources[0]}`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const said = speech(ctx);
    const { t, fmt } = said;
    const [extra] = ctx.args;
    if (extra !== undefined) throw unexpectedArgument(ctx, 'queue', extra);
    const source = ctx.sources.primary();
    const fetched = await source.queue();
    const { queues, totals, lowerBound, averageWaitOver } = fetched.value;
    const longest = totals.longestWaitSeconds ?? maxOf(queues.map((q) => q.longestWaitSeconds));
    const abandoned = totals.abandonedLast30m ?? sumOf(queues.map((q) => q.abandonedLast30m));
    const given = totals.agentsAvailable ?? sumOf(queues.map((q) => q.agentsAvailable));
    const fromAgents = given === undefined ? await availableFromCachedAgents(source, fetched.asOf) : undefined;
    const available = given ?? fromAgents?.count;

    const free = fmt.count(available);
    const fields: ReplyField[] = [
      { label: t('queue.waitingNow'), value: atLeast(fmt.count(totals.waiting), lowerBound, t) },
      { label: t('queue.longestWait'), value: fmt.duration(longest) },
    ];
    // An average says what it is over; a vendor that gives none gets no line (wolkvox).
    if (totals.averageWaitSeconds !== undefined || averageWaitOver)
      fields.push({ label: t(`queue.avgWait.${averageWaitOver ?? 'last30m'}`), value: fmt.duration(totals.averageWaitSeconds) });
    fields.push(
      { label: t('queue.abandoned'), value: fmt.count(abandoned) },
      { label: t('queue.agentsFree'), value: fromAgents?.asOf ? t('queue.asOfTime', { value: free, time: fmt.time(fromAgents.asOf, source.timeZone) }) : free },
    );
    if (totals.agentsOnline !== undefined) fields.push({ label: t('queue.agentsOnline'), value: fmt.count(totals.agentsOnline) });
    if (totals.ongoingChats !== undefined) fields.push({ label: t('queue.inProgress'), value: fmt.count(totals.ongoingChats) });

    const page = pageOf([...queues].sort(worstFirst), ctx.page, undefined, t);
    const columns = columnsFor(said, averageWaitOver ?? 'last30m').filter((column) => !column.value || queues.some((q) => column.value!(q) !== undefined));
    // Trends come from history; without it (or when it fails) the answer is the snapshot alone.
    const trends = await queueTrends(
      ctx.history,
      source,
      queues.map((q) => q.name),
      ctx.now(),
      await queueThresholds(ctx, source.id),
      said,
    ).catch(() => ({ sparklines: new Map<string, string>(), chart: undefined }));
    if (trends.sparklines.size > 0) columns.push({ title: t('queue.col.lastHour'), cell: (q) => trends.sparklines.get(q.name) ?? '', kind: 'trend' });
    return {
      title: t('queue.title', { source: source.label }),
      summary: summaryOf(said, totals.waiting, longest, available, lowerBound),
      fields,
      table: queues.length
        ? {
            columns: columns.map((c) => c.title),
            rows: page.items.map((q) => columns.map((c) => c.cell(q))),
            footnote: page.footnote,
            kinds: columns.map((c) => c.kind),
          }
        : undefined,
      buttons: [refreshButton(ctx, '/queue'), ...(page.nextPage ? [nextPageButton(ctx, '/queue', page.nextPage)] : [])],
      context: sourceContext(
        source,
        fetched,
        [lowerBound ? t('context.lowerBound') : undefined, pageNote(page, t)].filter(Boolean).join(' · ') || undefined,
        t,
      ),
      visibility: 'public',
      chart: trends.chart,
      tone: totals.waiting > 0 && available === 0 ? 'danger' : totals.waiting > 0 && (longest ?? 0) >= 300 ? 'warning' : 'normal',
    };
  },
};

interface Column {
  title: string;
  /** A figure the vendor may not give; a column no queue has is left out. */
  value?: (q: QueueFigures) => number | undefined;
  cell: (q: QueueFigures) => string;
  kind?: ColumnKind;
}

const figure = (title: string, value: (q: QueueFigures) => number | undefined, format: (v: number | undefined) => string): Column => ({
  title,
  value,
  cell: (q) => format(value(q)),
});

/** The table's columns in the asker's language; the average's header says its window. */
function columnsFor({ t, fmt }: Localized, averageOver: 'last30m' | 'waitingNow'): Column[] {
  return [
    { title: t('queue.col.queue'), cell: (q) => q.name },
    { title: t('queue.col.waiting'), cell: (q) => fmt.count(q.waiting) },
    figure(t('queue.col.longest'), (q) => q.longestWaitSeconds, fmt.duration),
    figure(t(`queue.col.avg.${averageOver}`), (q) => q.averageWaitSeconds, fmt.duration),
    figure(t('queue.col.abandoned'), (q) => q.abandonedLast30m, fmt.count),
    figure(t('queue.col.free'), (q) => q.agentsAvailable, fmt.count),
    figure(t('queue.col.inProgress'), (q) => q.ongoingChats, fmt.count),
  ];
}

function summaryOf({ t, fmt }: Localized, waiting: number, longest: number | undefined, available: number | undefined, lowerBound?: boolean): string {
  const parts = [
    waiting === 0 && !lowerBound ? t('queue.nobodyWaiting') : t('queue.waiting', { count: waiting, value: atLeast(fmt.count(waiting), lowerBound, t) }),
  ];
  if (waiting > 0 && longest !== undefined) parts.push(t('queue.longest', { duration: fmt.duration(longest) }));
  if (available !== undefined) parts.push(t('queue.free', { count: available, value: fmt.count(available) }));
  return parts.join(' · ');
}

/** Most waiting first, then the longest wait, then the most abandoned. */
function worstFirst(a: QueueFigures, b: QueueFigures): number {
  return (
    b.waiting - a.waiting ||
    (b.longestWaitSeconds ?? 0) - (a.longestWaitSeconds ?? 0) ||
    (b.abandonedLast30m ?? 0) - (a.abandonedLast30m ?? 0) ||
    a.name.localeCompare(b.name)
  );
}

/** An agents answer this old or older is not used for "agents available" (the vendor's advised poll interval). */
const AGENTS_USABLE_MS = 5 * 60_000;
/** Older than this, the figure says when it was true. */
const AGENTS_FRESH_MS = 60_000;

/**
 * Agents available from the agents answer already in the cache (from `/agents` or the watcher),
 * for sources whose queue answer does not say: no vendor request is made for it.
 */
async function availableFromCachedAgents(source: Source, queueAsOf: string): Promise<{ count: number; asOf?: string } | undefined> {
  const agents = await source.cachedAgents();
  if (!agents) return undefined;
  const age = Date.parse(queueAsOf) - Date.parse(agents.asOf);
  if (age > AGENTS_USABLE_MS) return undefined;
  const count = agents.value.filter((agent) => agent.state === 'available').length;
  return age > AGENTS_FRESH_MS ? { count, asOf: agents.asOf } : { count };
}

function maxOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

function sumOf(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
}
