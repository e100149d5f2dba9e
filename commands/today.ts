import type { DayStats } from '../src/domain/types.js';
import type { ReplyField } from '../src/reply/reply.js';
import type { CommandDefinition } from '../src/router/types.js';
import { formatCount, formatDuration, formatLocalDate, formatPercent } from '../src/reply/format.js';
import { LOWER_BOUND_NOTE, atLeast, refreshButton, sourceContext, unexpectedArgument } from './common.js';

/**
 * `/today [source]`: the local day so far: chats, missed and abandoned, waits, handoffs, SLA.
 *
 * @example
 *   await todayCommand.handler(ctx); // "182 chats · 6 missed · SLA 92%"
 */
export const todayCommand: CommandDefinition = {
  name: 'today',
  summary: 'Today so far: chats, missed and abandoned, average wait, first response, handoff rate, SLA.',
  usage: '/today [source]',
  examples: ({ sources }) => ['/today', ...(sources.length ? [`/today ${sources[1] ?? sources[0]}`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const [extra] = ctx.args;
    if (extra !== undefined) throw unexpectedArgument(ctx, 'today', extra);
    const source = ctx.sources.primary();
    const fetched = await source.today();
    const day = fetched.value;
    const busiest = busiestHour(day.chatsByHour);
    return {
      title: `Today — ${source.label} (${formatLocalDate(day.date)})`,
      summary: summaryOf(day),
      fields: fieldsOf(day),
      sections: busiest ? [{ text: `Busiest hour: ${busiest.label} (${formatCount(busiest.chats)} chat${busiest.chats === 1 ? '' : 's'})` }] : undefined,
      buttons: [refreshButton(ctx, '/today')],
      context: sourceContext(source, fetched, day.lowerBound ? LOWER_BOUND_NOTE : undefined),
      visibility: 'public',
      tone: day.slaRate !== undefined && day.slaRate < 0.8 ? 'warning' : 'normal',
    };
  },
};

function summaryOf(day: DayStats): string {
  const count = (n: number) => atLeast(formatCount(n), day.lowerBound);
  const parts = [`${count(day.chats)} chat${day.chats === 1 ? '' : 's'}`];
  if (day.missed !== undefined) parts.push(`${count(day.missed)} missed`);
  if (day.abandoned !== undefined) parts.push(`${count(day.abandoned)} abandoned`);
  if (day.slaRate !== undefined) parts.push(`SLA ${formatPercent(day.slaRate)}`);
  return parts.join(' · ');
}

/** The figures the spec promises always show (a dash when the vendor does not give them); the rest only when known. */
function fieldsOf(day: DayStats): ReplyField[] {
  const count = (n: number | undefined) => atLeast(formatCount(n), day.lowerBound);
  const fields: ReplyField[] = [
    { label: 'Chats', value: count(day.chats) },
    { label: 'Missed', value: count(day.missed) },
    { label: 'Abandoned', value: count(day.abandoned) },
    { label: 'Average wait', value: formatDuration(day.averageWaitSeconds) },
    { label: 'First response', value: formatDuration(day.firstResponseSeconds) },
    { label: 'Handoff rate', value: formatPercent(day.handoffRate) },
    {
      label: 'SLA',
      value:
        day.slaBreaches !== undefined && day.slaRate !== undefined
          ? `${formatPercent(day.slaRate)} (${count(day.slaBreaches)} breach${day.slaBreaches === 1 ? '' : 'es'})`
          : formatPercent(day.slaRate),
    },
  ];
  if (day.averageChatSeconds !== undefined) fields.push({ label: 'Average chat', value: formatDuration(day.averageChatSeconds) });
  if (day.transfers !== undefined) fields.push({ label: 'Transfers', value: count(day.transfers) });
  return fields;
}

function busiestHour(byHour: number[] | undefined): { label: string; chats: number } | undefined {
  if (!byHour?.length) return undefined;
  let best = 0;
  byHour.forEach((n, hour) => {
    if (n > (byHour[best] ?? 0)) best = hour;
  });
  const chats = byHour[best] ?? 0;
  if (chats === 0) return undefined;
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return { label: `${hh(best)}–${hh(best + 1)}`, chats };
}
