import { DateTime } from 'luxon';
import type { AgentStatus, DayStats } from '../src/domain/types.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import type { Source } from '../src/sources/source.js';
import type { StaffingConfig } from '../src/config/source-schemas.js';
import { formatCount, formatDuration, formatPercent } from '../src/reply/format.js';
import { staffingFor } from '../src/staffing/erlang-c.js';
import { echo } from '../src/router/replies.js';
import { refreshButton, sourceContext, sourceName, unexpectedArgument } from './common.js';

const DEFAULT_TARGET = 80;
const DEFAULT_WITHIN_MS = 20_000;
/** Fewer minutes of today than this and the arrival rate means little. */
const MIN_WINDOW_MINUTES = 15;

/**
 * `/staffing [source]`: agents needed now to meet the source's service-level target (default 80%
 * of chats answered within 20 s), by Erlang C over chat slots (see `src/staffing/erlang-c.ts`),
 * from the last hour's arrivals and the day's average chat duration, beside the agents on the floor.
 *
 * @example
 *   await staffingCommand.handler(ctx); // "Needs 6 agents, 4 available"
 */
export const staffingCommand: CommandDefinition = {
  name: 'staffing',
  summary: 'Agents needed now to meet the service-level target (Erlang C, chat concurrency), beside the agents available.',
  usage: '/staffing [source]',
  examples: ({ sources }) => ['/staffing', ...(sources.length ? [`/staffing ${sources[1] ?? sources[0]}`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const [extra] = ctx.args;
    const source = ctx.sources.primary();
    if (extra !== undefined) {
      const queues = source.has('queue') ? (await source.queue()).value.queues.map((q) => q.name.toLowerCase()) : [];
      if (queues.includes(ctx.args.join(' ').toLowerCase())) {
        throw new UsageError(`${source.vendor} does not count arrivals per queue, so /staffing answers for the whole source "${echo(source.id)}": run /staffing without "${echo(ctx.args.join(' '))}".`);
      }
      throw unexpectedArgument(ctx, 'staffing', extra);
    }
    if (!source.has('today')) throw new UsageError(notAvailable(source));
    const fetched = await source.today();
    const day = fetched.value;
    const handleSeconds = day.averageChatSeconds;
    const window = arrivalsWindow(day, DateTime.fromJSDate(ctx.now(), { zone: source.timeZone }));
    if (!window || handleSeconds === undefined || handleSeconds <= 0) throw new UsageError(notAvailable(source));

    const settings: Partial<StaffingConfig> = ctx.config.sources[source.id]?.staffing ?? {};
    const target = (settings.target ?? DEFAULT_TARGET) / 100;
    const withinSeconds = (settings.answerWithin ?? DEFAULT_WITHIN_MS) / 1000;
    const floor = await agentsOnTheFloor(source);
    const concurrency = settings.concurrency ?? floor?.capacity ?? 1;
    const targetWords = `${formatPercent(target)} answered within ${formatDuration(withinSeconds)}`;

    if (window.minutes < MIN_WINDOW_MINUTES) {
      return {
        title: `Staffing — ${source.label}`,
        summary: `Too early in the day to count arrivals: ${window.minutes} min since midnight.`,
        context: sourceContext(source, fetched),
        visibility: 'public',
      };
    }
    const staffing = staffingFor({ arrivals: window.arrivals, periodSeconds: window.minutes * 60, handleSeconds, target, targetSeconds: withinSeconds, concurrency }, floor?.available);
    const short = floor !== undefined && staffing.agents > floor.available;
    const summary = window.arrivals === 0
      ? `No chats in the last ${window.minutes} min: no agents needed for ${targetWords}${floor ? ` · ${formatCount(floor.available)} available` : ''}`
      : `Needs ${plural(staffing.agents, 'agent')}${floor ? `, ${formatCount(floor.available)} available` : ''} for ${targetWords}`;
    return {
      title: `Staffing — ${source.label}`,
      summary,
      fields: [
        { label: 'Agents needed', value: formatCount(staffing.agents) },
        { label: 'Agents available', value: floor ? formatCount(floor.available) : '—' },
        { label: `Chats for agents (last ${window.minutes} min)`, value: formatCount(window.arrivals) },
        { label: 'Average chat (today)', value: formatDuration(handleSeconds) },
        { label: 'Chats per agent', value: formatCount(concurrency) },
        { label: 'Target', value: targetWords },
        { label: 'Workload', value: `${staffing.erlangs.toFixed(1)} chats in progress on average` },
        ...(staffing.serviceLevelWithAvailable !== undefined && window.arrivals > 0
          ? [{ label: 'Within target now', value: `about ${formatPercent(staffing.serviceLevelWithAvailable)} with ${plural(floor!.available, 'agent')}` }]
          : []),
      ],
      buttons: [refreshButton(ctx, '/staffing')],
      context: sourceContext(source, fetched, `Erlang C over ${formatCount(concurrency)} chat${concurrency === 1 ? '' : 's'} per agent; available = signed in, not away`),
      visibility: 'public',
      tone: short ? 'warning' : 'normal',
    };
  },
};

function notAvailable(source: Source): string {
  return `Staffing is not available for ${source.vendor} (source ${sourceName(source)}): it needs chats per hour and the average chat duration, which ${source.vendor} does not give.`;
}

/**
 * Chats that arrived in the last hour, from the vendor's per-hour counts (of chats that reached the
 * agents' queue when the vendor tells them apart from those the bot closed): this hour so far and the
 * matching share of the previous one (arrivals spread evenly inside an hour). Before 01:00 only
 * today's minutes count. Undefined when the vendor gives no counts per hour.
 */
export function arrivalsWindow(day: DayStats, now: DateTime): { arrivals: number; minutes: number } | undefined {
  const byHour = day.queuedByHour ?? day.chatsByHour;
  if (!byHour || byHour.length !== 24) return undefined;
  const hour = now.hour;
  const minute = now.minute + now.second / 60;
  const current = byHour[hour] ?? 0;
  if (hour === 0) return { arrivals: current, minutes: Math.floor(minute) };
  const previousShare = (60 - minute) / 60;
  return { arrivals: Math.round(current + (byHour[hour - 1] ?? 0) * previousShare), minutes: 60 };
}

/** Agents signed in and not away (free or busy), and their usual chat capacity. */
async function agentsOnTheFloor(source: Source): Promise<{ available: number; capacity?: number } | undefined> {
  if (source.has('agents')) {
    const agents = (await source.agents()).value;
    const working = agents.filter((a) => a.state === 'available' || a.state === 'busy');
    return { available: working.length, capacity: medianCapacity(working.length ? working : agents) };
  }
  if (!source.has('queue')) return undefined;
  const { totals } = (await source.queue()).value;
  const available = totals.agentsOnline ?? totals.agentsAvailable;
  return available === undefined ? undefined : { available };
}

function medianCapacity(agents: AgentStatus[]): number | undefined {
  const capacities = agents.map((a) => a.maxChats).filter((c): c is number => c !== undefined && c > 0).sort((a, b) => a - b);
  return capacities.length ? capacities[Math.floor(capacities.length / 2)] : undefined;
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}
