import { DateTime } from 'luxon';
import type { DateRange } from '../src/domain/types.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import { localized } from '../src/i18n/index.js';
import { pageOf } from '../src/reply/paging.js';
import { echo } from '../src/router/replies.js';
import { nextPageButton, pageNote, refreshButton, sourceContext, speech } from './common.js';

const RANGES = ['today', 'yesterday', '7d'] as const;
type RangeWord = (typeof RANGES)[number];
const SYNONYMS: Record<string, RangeWord> = { today: 'today', yesterday: 'yesterday', '7d': '7d', '7days': '7d', week: '7d' };

/**
 * The range a supervisor means, in the operation's own calendar: "today" is from local midnight
 * to the end of the local day (so the cache key stays the same all day), "7d" is today and the
 * six days before it.
 *
 * @example
 *   handoffRange('yesterday', new Date('2026-11-21T15:00:00Z'), 'America/Bogota');
 *   // { from: '2026-11-20T05:00:00.000Z', to: '2026-11-21T04:59:59.999Z', label: 'yesterday' }
 */
export function handoffRange(word: RangeWord, now: Date, timeZone: string): DateRange {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const iso = (d: DateTime) => d.toUTC().toISO()!;
  switch (word) {
    case 'today':
      return { from: iso(today), to: iso(today.endOf('day')), label: 'today' };
    case 'yesterday':
      return { from: iso(today.minus({ days: 1 })), to: iso(today.minus({ days: 1 }).endOf('day')), label: 'yesterday' };
    case '7d':
      return { from: iso(today.minus({ days: 6 })), to: iso(today.endOf('day')), label: 'last 7 days' };
  }
}

/**
 * `/handoffs [source] [today|yesterday|7d]`: how many bot conversations reached an agent, how
 * long they spent with the bot and waiting for the agent, and where they were routed.
 *
 * @example
 *   await handoffsCommand.handler(ctx); // "38% of 420 bot conversations went to an agent"
 */
export const handoffsCommand: CommandDefinition = {
  name: 'handoffs',
  summary: localized('en').t('command.handoffs.summary'),
  usage: '/handoffs [source] [today|yesterday|7d]',
  examples: ({ sources }) => ['/handoffs', '/handoffs yesterday', sources.length ? `/handoffs ${sources[1] ?? sources[0]} 7d` : '/handoffs 7d'],
  access: 'everyone',
  costly: true,
  async handler(ctx) {
    const { t, fmt } = speech(ctx);
    if (ctx.args.length > 1) throw new UsageError(t('handoffs.oneRange'));
    const [arg] = ctx.args;
    const word = arg === undefined ? 'today' : SYNONYMS[arg.toLowerCase()];
    if (!word) {
      const sources = ctx.sources.all();
      throw new UsageError(
        sources.length > 1
          ? t('handoffs.neither', { arg: echo(arg!), ids: sources.map((s) => s.id).join(', ') })
          : t('handoffs.notARange', { arg: echo(arg!) }),
      );
    }
    const source = ctx.sources.primary();
    const range = handoffRange(word, ctx.now(), source.timeZone);
    const fetched = await source.handoffs(range);
    const report = fetched.value;
    const points = [...report.topRoutingPoints].sort((a, b) => b.handoffs - a.handoffs || a.name.localeCompare(b.name));
    const page = pageOf(points, ctx.page, undefined, t);
    // Shares of all handoffs, not of the top points shown, so a long tail is not hidden.
    const shareBase = report.handedToAgent || points.reduce((sum, p) => sum + p.handoffs, 0);
    return {
      title: t('handoffs.title', { source: source.label, range: t(`handoffs.range.${word}`) }),
      summary:
        report.botConversations === 0
          ? t(`handoffs.none.${word}`)
          : t('handoffs.summary', { rate: fmt.percent(report.rate), count: report.botConversations, value: fmt.count(report.botConversations) }),
      fields: [
        { label: t('handoffs.field.botConversations'), value: fmt.count(report.botConversations) },
        { label: t('handoffs.field.handedToAgent'), value: fmt.count(report.handedToAgent) },
        { label: t('handoffs.field.rate'), value: fmt.percent(report.rate) },
        { label: t('handoffs.field.timeOnBot'), value: fmt.duration(report.averageSecondsOnBot) },
        { label: t('handoffs.field.timeToAgent'), value: fmt.duration(report.averageSecondsToAgent) },
      ],
      table: points.length
        ? {
            columns: [t('handoffs.col.routingPoint'), t('handoffs.col.handoffs'), t('handoffs.col.share')],
            rows: page.items.map((p) => [p.name, fmt.count(p.handoffs), fmt.percent(shareBase ? p.handoffs / shareBase : undefined)]),
            footnote: page.footnote,
          }
        : undefined,
      buttons: [refreshButton(ctx, '/handoffs'), ...(page.nextPage ? [nextPageButton(ctx, '/handoffs', page.nextPage)] : [])],
      context: sourceContext(source, fetched, pageNote(page, t), t),
      visibility: 'public',
    };
  },
};
