import { DateTime } from 'luxon';
import type { AgentStatus, DayStats, QueueDayStats } from '../src/domain/types.js';
import type { CommandContext, CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import type { Source } from '../src/sources/source.js';
import type { StaffingConfig } from '../src/config/source-schemas.js';
import { formatCount, formatDuration, formatPercent } from '../src/reply/format.js';
import { arrivalsWindow } from '../src/staffing/arrivals-window.js';
import { staffingFor } from '../src/staffing/erlang-c.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { refreshButton, sourceContext, sourceName, unexpectedArgument } from './common.js';

export { arrivalsWindow };

const DEFAULT_TARGET = 80;
const DEFAULT_WITHIN_MS = 20_000;
/** Fewer minutes of today than this and the arrival rate means little. */
const MIN_WINDOW_MINUTES = 15;

/**
 * `/staffing [source] [queue]`: agents needed now to meet the source's service-level target
 * (default 80% of chats answered within 20 s), by Erlang C over chat slots (see
 * `src/staffing/erlang-c.ts`), from the last hour's arrivals and the day's average chat duration,
 * beside the agents on the floor (wolkvox, VCC Live, Comm100 and the demo). With a queue, from
 * that queue's arrivals and chat duration, on vendors whose day says which queue each chat reached
 * (the demo, VCC Live); elsewhere it says so.
 *
 * @example
 *   await staffingCommand.handler(ctx); // "Needs 6 agents, 4 available"
 *   await staffingCommand.handler(ctxWithArgs(['Soporte'])); // "Soporte needs 3 agents for 80% answered within 20s"
 */
export const staffingCommand: CommandDefinition = {
  name: 'staffing',
  summary: 'Agents needed now to meet the service-level target (Erlang C, chat concurrency), beside the agents available; for the whole source or one queue.',
  usage: '/staffing [source] [queue]',
  examples: ({ sources }) => ['/staffing', ...(sources.length ? [`/staffing ${sources[1] ?? sources[0]}`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const source = ctx.sources.primary();
    const asked = ctx.args.length ? ctx.args.join(' ') : undefined;
    if (!source.has('today')) throw new UsageError(notAvailable(source));
    const fetched = await source.today();
    const day = fetched.value;
    const local = DateTime.fromJSDate(ctx.now(), { zone: source.timeZone });
    const hourly = arrivalsWindow(day, local);
    // Counts per hour come with the day; Comm100 counts the last hour itself, in one more request.
    const recent = !hourly && source.has('recentArrivals') ? (await source.recentArrivals()).value : undefined;
    const sourceWindow = hourly ?? (recent && { arrivals: recent.chats, minutes: recent.minutes });
    // A vendor that cannot staff the whole source cannot staff a queue either: say that first.
    if (!sourceWindow || (day.chats > 0 && day.averageChatSeconds === undefined)) throw new UsageError(notAvailable(source));
    const queue = asked === undefined ? undefined : await queueOf(ctx, source, day, asked);
    const handleSeconds = queue?.averageChatSeconds ?? day.averageChatSeconds ?? 0;
    const window = queue ? arrivalsWindow({ ...day, chatsByHour: undefined, queuedByHour: queue.queuedByHour }, local)! : sourceWindow;
    const settings: Partial<StaffingConfig> = ctx.config.sources[source.id]?.staffing ?? {};
    const target = (settings.target ?? DEFAULT_TARGET) / 100;
    const withinSeconds = (settings.answerWithin ?? DEFAULT_WITHIN_MS) / 1000;
    const floor = await agentsOnTheFloor(source);
    const concurrency = settings.concurrency ?? floor?.capacity ?? 1;
    const targetWords = `${formatPercent(target)} answered within ${formatDuration(withinSeconds)}`;
    const title = `Staffing — ${source.label}${queue ? ` · ${queue.name}` : ''}`;

    if (window.minutes < MIN_WINDOW_MINUTES) {
      return {
        title,
        summary: `Too early in the day to count arrivals: ${window.minutes} min since midnight.`,
        context: sourceContext(source, fetched),
        visibility: 'public',
      };
    }
    if (!(handleSeconds > 0)) {
      return {
        title,
        summary: `No chat${queue ? ` of ${queue.name}` : ''} has finished today yet: staffing needs today's average chat duration. Ask again once agents have closed a few chats.`,
        context: sourceContext(source, fetched),
        visibility: 'public',
      };
    }
    // A queue's agents are not known apart (an agent may serve several queues): no "available" beside a queue.
    const available = queue ? undefined : floor?.available;
    const staffing = staffingFor(
      { arrivals: window.arrivals, periodSeconds: window.minutes * 60, handleSeconds, target, targetSeconds: withinSeconds, concurrency },
      available,
    );
    const short = available !== undefined && staffing.agents > available;
    const who = queue ? `${queue.name} needs` : 'Needs';
    const summary =
      window.arrivals === 0
        ? `No chats${queue ? ` for ${queue.name}` : ''} in the last ${window.minutes} min: no agents needed for ${targetWords}${available !== undefined ? ` · ${formatCount(available)} available` : ''}`
        : `${who} ${plural(staffing.agents, 'agent')}${available !== undefined ? `, ${formatCount(available)} available` : ''} for ${targetWords}`;
    const note = queue
      ? `Erlang C over ${formatCount(concurrency)} chat${concurrency === 1 ? '' : 's'} per agent, from ${queue.name}'s own chats; agents are not counted per queue (one may serve several)`
      : `Erlang C over ${formatCount(concurrency)} chat${concurrency === 1 ? '' : 's'} per agent; available = signed in, not away`;
    return {
      title,
      summary,
      fields: [
        { label: 'Agents needed', value: formatCount(staffing.agents) },
        ...(queue ? [] : [{ label: 'Agents available', value: floor ? formatCount(floor.available) : '—' }]),
        { label: `Chats for agents (last ${window.minutes} min)`, value: formatCount(window.arrivals) },
        {
          label: queue && queue.averageChatSeconds !== undefined ? `Average ${queue.name} chat (today)` : 'Average chat (today)',
          value: formatDuration(handleSeconds),
        },
        { label: 'Chats per agent', value: formatCount(concurrency) },
        { label: 'Target', value: targetWords },
        { label: 'Workload', value: `${staffing.erlangs.toFixed(1)} chats in progress on average` },
        ...(staffing.serviceLevelWithAvailable !== undefined && window.arrivals > 0
          ? [{ label: 'Within target now', value: `about ${formatPercent(staffing.serviceLevelWithAvailable)} with ${plural(available!, 'agent')}` }]
          : []),
      ],
      buttons: [refreshButton(ctx, queue ? `/staffing ${queue.name}` : '/staffing')],
      context: sourceContext(source, fetched, note),
      visibility: 'public',
      tone: short ? 'warning' : 'normal',
    };
  },
};

/**
 * The queue named in `/staffing <queue>` from the day's per-queue figures (case-insensitive).
 * A vendor whose day is not split by queue gets a clear "whole source only"; a name that is no
 * queue gets the queues there are, or the usual "not a source" when it is not a queue anywhere.
 */
async function queueOf(ctx: CommandContext, source: Source, day: DayStats, asked: string): Promise<QueueDayStats> {
  const wanted = asked.toLowerCase();
  if (day.queues) {
    const found = day.queues.find((q) => q.name.toLowerCase() === wanted);
    if (found) return found;
    const names = day.queues.map((q) => q.name);
    if (names.length === 0)
      throw new UsageError(
        `No chat has reached a queue of ${sourceName(source)} today, so there is no "${echo(asked)}" to staff yet: run /staffing for the whole source.`,
      );
    if (ctx.sources.all().length > 1 && !didYouMean(asked, names)) throw unexpectedArgument(ctx, 'staffing', ctx.args[0]!);
    throw new UsageError(`"${echo(asked)}" is not a queue of ${sourceName(source)} today.${didYouMean(asked, names)} Queues: ${names.join(', ')}.`);
  }
  const known = source.has('queue') ? (await source.queue()).value.queues.map((q) => q.name.toLowerCase()) : [];
  if (known.includes(wanted)) {
    throw new UsageError(
      `${source.vendor} does not say which queue each chat reached, so /staffing answers for the whole source "${echo(source.id)}": run /staffing without "${echo(asked)}".`,
    );
  }
  throw unexpectedArgument(ctx, 'staffing', ctx.args[0]!);
}

function notAvailable(source: Source): string {
  return `Staffing is not available for ${source.vendor} (source ${sourceName(source)}): it needs the last hour's chats and the average chat duration, which ${source.vendor} does not give.`;
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
  const capacities = agents
    .map((a) => a.maxChats)
    .filter((c): c is number => c !== undefined && c > 0)
    .sort((a, b) => a - b);
  return capacities.length ? capacities[Math.floor(capacities.length / 2)] : undefined;
}

function plural(count: number, word: string): string {
  return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}
