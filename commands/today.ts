import type { DayStats } from '../src/domain/types.js';
import type { ReplyField } from '../src/reply/reply.js';
import type { CommandDefinition } from '../src/router/types.js';
import { localized, type Localized } from '../src/i18n/index.js';
import { atLeast, refreshButton, sourceContext, speech, unexpectedArgument } from './common.js';

/**
 * `/today [source]`: the local day so far: chats, missed and abandoned, waits, handoffs, SLA.
 *
 * @example
 *   await todayCommand.handler(ctx); // "182 chats · 6 missed · SLA 92%"
 */
export const todayCommand: CommandDefinition = {
  name: 'today',
  summary: localized('en').t('command.today.summary'),
  usage: '/today [source]',
  examples: ({ sources }) => ['/today', ...(sources.length ? [`/today ${sources[1] ?? sources[0]}`] : [])],
  access: 'everyone',
  async handler(ctx) {
    const said = speech(ctx);
    const { t, fmt } = said;
    const [extra] = ctx.args;
    if (extra !== undefined) throw unexpectedArgument(ctx, 'today', extra);
    const source = ctx.sources.primary();
    const fetched = await source.today();
    const day = fetched.value;
    const busiest = busiestHour(day.chatsByHour);
    return {
      title: t('today.title', { source: source.label, date: fmt.date(day.date) }),
      summary: summaryOf(day, said),
      fields: fieldsOf(day, said),
      sections: busiest ? [{ text: t('today.busiest', { hours: busiest.label, count: busiest.chats, value: fmt.count(busiest.chats) }) }] : undefined,
      buttons: [refreshButton(ctx, '/today')],
      context: sourceContext(source, fetched, day.lowerBound ? t('context.lowerBound') : undefined, t),
      visibility: 'public',
      tone: day.slaRate !== undefined && day.slaRate < 0.8 ? 'warning' : 'normal',
    };
  },
};

function summaryOf(day: DayStats, { t, fmt }: Localized): string {
  const count = (n: number) => atLeast(fmt.count(n), day.lowerBound, t);
  const parts = [t('today.chats', { count: day.chats, value: count(day.chats) })];
  if (day.missed !== undefined) parts.push(t('today.missed', { count: day.missed, value: count(day.missed) }));
  if (day.abandoned !== undefined) parts.push(t('today.abandoned', { count: day.abandoned, value: count(day.abandoned) }));
  if (day.slaRate !== undefined) parts.push(t('today.sla', { value: fmt.percent(day.slaRate) }));
  return parts.join(' · ');
}

/** The figures the spec promises always show (a dash when the vendor does not give them); the rest only when known. */
function fieldsOf(day: DayStats, { t, fmt }: Localized): ReplyField[] {
  const count = (n: number | undefined) => atLeast(fmt.count(n), day.lowerBound, t);
  const fields: ReplyField[] = [
    { label: t('today.field.chats'), value: count(day.chats) },
    { label: t('today.field.missed'), value: count(day.missed) },
    { label: t('today.field.abandoned'), value: count(day.abandoned) },
    { label: t('today.field.averageWait'), value: fmt.duration(day.averageWaitSeconds) },
    { label: t('today.field.firstResponse'), value: fmt.duration(day.firstResponseSeconds) },
    { label: t('today.field.handoffRate'), value: fmt.percent(day.handoffRate) },
    {
      label: t('today.field.sla'),
      value:
        day.slaBreaches !== undefined && day.slaRate !== undefined
          ? t('today.slaBreaches', { rate: fmt.percent(day.slaRate), count: day.slaBreaches, value: count(day.slaBreaches) })
          : fmt.percent(day.slaRate),
    },
  ];
  if (day.averageChatSeconds !== undefined) fields.push({ label: t('today.field.averageChat'), value: fmt.duration(day.averageChatSeconds) });
  if (day.transfers !== undefined) fields.push({ label: t('today.field.transfers'), value: count(day.transfers) });
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
