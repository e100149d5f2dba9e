import { DateTime } from 'luxon';
import type { AgentStatus, DayStats, QueueDayStats } from '../src/domain/types.js';
import type { CommandContext, CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import type { Source } from '../src/sources/source.js';
import type { StaffingConfig } from '../src/config/source-schemas.js';
import { arrivalsWindow } from '../src/staffing/arrivals-window.js';
import { localized, type Localized } from '../src/i18n/index.js';
import { staffingFor } from '../src/staffing/erlang-c.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { refreshButton, sourceContext, sourceName, speech, unexpectedArgument } from './common.js';

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
  summary: localized('en').t('command.staffing.summary'),
  usage: '/staffing [source] [queue]',
  examples: ({ sources }) => ['/staffing', ...(sources.length ? [`/staffing ${sources[1] ?? sources[0]}`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const said = speech(ctx);
    const { t, fmt } = said;
    const source = ctx.sources.primary();
    const asked = ctx.args.length ? ctx.args.join(' ') : undefined;
    if (!source.has('today')) throw new UsageError(notAvailable(source, said));
    const fetched = await source.today();
    const day = fetched.value;
    const local = DateTime.fromJSDate(ctx.now(), { zone: source.timeZone });
    const hourly = arrivalsWindow(day, local);
    // Counts per hour come with the day; Comm100 counts the last hour itself, in one more request.
    const recent = !hourly && source.has('recentArrivals') ? (await source.recentArrivals()).value : undefined;
    const sourceWindow = hourly ?? (recent && { arrivals: recent.chats, minutes: recent.minutes });
    // A vendor that cannot staff the whole source cannot staff a queue either: say that first.
    if (!sourceWindow || (day.chats > 0 && day.averageChatSeconds === undefined)) throw new UsageError(notAvailable(source, said));
    const queue = asked === undefined ? undefined : await queueOf(ctx, source, day, asked, said);
    const handleSeconds = queue?.averageChatSeconds ?? day.averageChatSeconds ?? 0;
    const window = queue ? arrivalsWindow({ ...day, chatsByHour: undefined, queuedByHour: queue.queuedByHour }, local)! : sourceWindow;
    const settings: Partial<StaffingConfig> = ctx.config.sources[source.id]?.staffing ?? {};
    const target = (settings.target ?? DEFAULT_TARGET) / 100;
    const withinSeconds = (settings.answerWithin ?? DEFAULT_WITHIN_MS) / 1000;
    const floor = await agentsOnTheFloor(source);
    const concurrency = settings.concurrency ?? floor?.capacity ?? 1;
    const targetWords = t('staffing.target', { percent: fmt.percent(target), within: fmt.duration(withinSeconds) });
    const title = queue ? t('staffing.titleQueue', { source: source.label, queue: queue.name }) : t('staffing.title', { source: source.label });

    if (window.minutes < MIN_WINDOW_MINUTES) {
      return {
        title,
        summary: t('staffing.tooEarly', { minutes: window.minutes }),
        context: sourceContext(source, fetched, undefined, t),
        visibility: 'public',
      };
    }
    if (!(handleSeconds > 0)) {
      return {
        title,
        summary: queue ? t('staffing.noChatYetQueue', { queue: queue.name }) : t('staffing.noChatYet'),
        context: sourceContext(source, fetched, undefined, t),
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
    const needed = { count: staffing.agents, value: fmt.count(staffing.agents) };
    const needs = queue ? t('staffing.queueNeeds', { ...needed, queue: queue.name }) : t('staffing.needs', needed);
    const signedIn = available !== undefined ? { value: fmt.count(available) } : undefined;
    const summary =
      window.arrivals === 0
        ? (queue
            ? t('staffing.noArrivalsQueue', { queue: queue.name, minutes: window.minutes, target: targetWords })
            : t('staffing.noArrivals', { minutes: window.minutes, target: targetWords })) + (signedIn ? t('staffing.signedInAfter', signedIn) : '')
        : t('staffing.forTarget', { needs: needs + (signedIn ? t('staffing.signedInBeside', signedIn) : ''), target: targetWords });
    const perAgent = { count: concurrency, value: fmt.count(concurrency) };
    const note = queue ? t('staffing.noteQueue', { ...perAgent, queue: queue.name }) : t('staffing.note', perAgent);
    return {
      title,
      summary,
      fields: [
        { label: t('staffing.field.needed'), value: fmt.count(staffing.agents) },
        ...(queue ? [] : [{ label: t('staffing.field.signedIn'), value: floor ? fmt.count(floor.available) : '—' }]),
        { label: t('staffing.field.arrivals', { minutes: window.minutes }), value: fmt.count(window.arrivals) },
        {
          label:
            queue && queue.averageChatSeconds !== undefined ? t('staffing.field.averageQueueChat', { queue: queue.name }) : t('staffing.field.averageChat'),
          value: fmt.duration(handleSeconds),
        },
        { label: t('staffing.field.perAgent'), value: fmt.count(concurrency) },
        { label: t('staffing.field.target'), value: targetWords },
        { label: t('staffing.field.workload'), value: t('staffing.workload', { value: fmt.decimal(staffing.erlangs) }) },
        ...(staffing.serviceLevelWithAvailable !== undefined && window.arrivals > 0
          ? [
              {
                label: t('staffing.field.withinNow'),
                value: t('staffing.withinNow', { percent: fmt.percent(staffing.serviceLevelWithAvailable), count: available!, value: fmt.count(available!) }),
              },
            ]
          : []),
      ],
      buttons: [refreshButton(ctx, queue ? `/staffing ${queue.name}` : '/staffing')],
      context: sourceContext(source, fetched, note, t),
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
async function queueOf(ctx: CommandContext, source: Source, day: DayStats, asked: string, { t }: Localized): Promise<QueueDayStats> {
  const wanted = asked.toLowerCase();
  if (day.queues) {
    const found = day.queues.find((q) => q.name.toLowerCase() === wanted);
    if (found) return found;
    const names = day.queues.map((q) => q.name);
    if (names.length === 0) throw new UsageError(t('staffing.noQueuesYet', { source: sourceName(source), queue: echo(asked) }));
    if (ctx.sources.all().length > 1 && !didYouMean(asked, names)) throw unexpectedArgument(ctx, 'staffing', ctx.args[0]!);
    throw new UsageError(
      t('staffing.notAQueue', { queue: echo(asked), source: sourceName(source), hint: didYouMean(asked, names, '', t), queues: names.join(', ') }),
    );
  }
  const known = source.has('queue') ? (await source.queue()).value.queues.map((q) => q.name.toLowerCase()) : [];
  if (known.includes(wanted)) {
    throw new UsageError(t('staffing.wholeSourceOnly', { vendor: source.vendor, id: echo(source.id), queue: echo(asked) }));
  }
  throw unexpectedArgument(ctx, 'staffing', ctx.args[0]!);
}

function notAvailable(source: Source, { t }: Localized): string {
  return t('staffing.notAvailable', { vendor: source.vendor, source: sourceName(source) });
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
