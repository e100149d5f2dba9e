import { isValidUserId } from '../adapters/port.js';
import type { Transcript, TranscriptMessage } from '../src/domain/types.js';
import type { ReplyField, ReplySection } from '../src/reply/reply.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import { clip } from '../src/reply/format.js';
import { localized, type Localized } from '../src/i18n/index.js';
import { pageOf } from '../src/reply/paging.js';
import { literal } from '../src/reply/light-markup.js';
import { maskPhone, maskPhones } from '../src/privacy/mask-phone.js';
import { capitalize, nextPageButton, refreshButton, sourceContext, speech } from './common.js';

/** Messages per page: each is one section, so a page stays well inside every platform's limits. */
const MESSAGES_PER_PAGE = 15;
/** Longer messages are cut (the vendor's tool shows them whole). */
const MAX_MESSAGE_CHARS = 1500;

/**
 * `/transcript <conn_id> [source]`: one conversation, who said what and when. Supervisors only;
 * every view is audited; phone numbers stay masked (the vendor's tool shows them to those who
 * may see them).
 *
 * @example
 *   await transcriptCommand.handler(ctx); // "Transcript 12345 — Bogotá", sections "14:02 · Customer (Ana)"
 */
export const transcriptCommand: CommandDefinition = {
  name: 'transcript',
  summary: localized('en').t('command.transcript.summary'),
  usage: '/transcript <conn_id> [source]',
  // A chat in progress, when one was seen; ids also appear in /agents.
  examples: ({ chatId }) => (chatId ? [`/transcript ${chatId}`] : []),
  access: 'supervisor',
  costly: true,
  private: true,
  // A wolkvox search reads finished chats one day at a time: say how far it may go.
  working(ctx) {
    const source = ctx.sources.primary();
    const days = (ctx.config.sources[source.id] as { transcriptLookbackDays?: number } | undefined)?.transcriptLookbackDays;
    const { t } = speech(ctx);
    return days ? t('transcript.searching', { days, source: source.label }) : t('transcript.asking', { source: source.label });
  },
  async handler(ctx) {
    const said = speech(ctx);
    const { t } = said;
    const [id, extra] = ctx.args;
    if (id === undefined) throw new UsageError(t('transcript.whichChat'));
    if (extra !== undefined)
      throw new UsageError(
        ctx.sources.all().length > 1
          ? t('transcript.oneIdOrSource', {
              ids: ctx.sources
                .all()
                .map((s) => s.id)
                .join(', '),
            })
          : t('transcript.oneId'),
      );
    if (!isValidUserId(id)) throw new UsageError(t('transcript.badId'));
    const source = ctx.sources.primary();
    // The trail says what happened: a chat shown is a view; an attempt that found nothing (or failed)
    // is recorded too, as what it was, since an attempt to read a chat matters even when it finds nothing.
    const audit = (action: string) => source.has('transcript') && ctx.audit({ action, target: `${source.id}:${id}`, asker: ctx.asker });
    let fetched: Awaited<ReturnType<typeof source.transcript>>;
    try {
      fetched = await source.transcript(id);
    } catch (error) {
      audit('transcript.lookup-failed');
      throw error;
    }
    const transcript = fetched.value;
    audit(transcript ? 'transcript.view' : 'transcript.not-found');
    if (!transcript) {
      return {
        title: t('transcript.title', { id, source: source.label }),
        summary: t('transcript.notFound', { vendor: source.vendor, id }),
        context: sourceContext(source, fetched, undefined, t),
        visibility: 'private',
        tone: 'warning',
      };
    }
    const page = pageOf(transcript.messages, ctx.page, MESSAGES_PER_PAGE, t);
    const first = (page.page - 1) * MESSAGES_PER_PAGE + 1;
    const note =
      page.pageCount > 1
        ? t('transcript.pageNote', {
            from: first,
            to: first + page.items.length - 1,
            count: transcript.messages.length,
            page: page.page,
            pages: page.pageCount,
          })
        : undefined;
    const fallback = `/transcript ${id}`;
    return {
      title: t('transcript.title', { id, source: source.label }),
      summary: summaryOf(transcript, said),
      fields: fieldsOf(transcript, source.timeZone, said),
      sections: page.items.length ? page.items.map((m) => sectionOf(m, source.timeZone, said)) : [{ text: t('transcript.noMessages') }],
      buttons: [...(page.nextPage ? [nextPageButton(ctx, fallback, page.nextPage)] : []), ...(transcript.active ? [refreshButton(ctx, fallback)] : [])],
      context: sourceContext(source, fetched, note, t),
      visibility: 'private',
    };
  },
};

function summaryOf(chat: Transcript, { t, fmt }: Localized): string {
  // The vendor's own status word is shown as it gives it.
  const parts = [chat.active ? t('transcript.inProgress') : chat.status ? literal(capitalize(chat.status)) : t('transcript.finished')];
  if (chat.channel) parts.push(literal(chat.channel));
  parts.push(t('transcript.messages', { count: chat.messages.length, value: fmt.count(chat.messages.length) }));
  return parts.join(' · ');
}

function fieldsOf(chat: Transcript, zone: string, { t, fmt }: Localized): ReplyField[] {
  const fields: Array<[string, string | undefined]> = [
    [t('transcript.field.status'), chat.active ? t('transcript.statusInProgress') : chat.status],
    [t('transcript.field.channel'), chat.channel],
    [t('transcript.field.queue'), chat.queue],
    [t('transcript.field.agent'), chat.agentName && maskPhones(chat.agentName)],
    [t('transcript.field.customer'), chat.customerName && maskPhones(chat.customerName)],
    [t('transcript.field.phone'), chat.customerPhone && maskPhone(chat.customerPhone)],
    [t('transcript.field.started'), chat.startedAt && fmt.dateTime(chat.startedAt, zone)],
    [t('transcript.field.ended'), chat.endedAt && fmt.dateTime(chat.endedAt, zone)],
    [t('transcript.field.wait'), chat.waitSeconds !== undefined ? fmt.duration(chat.waitSeconds) : undefined],
    [t('transcript.field.firstResponse'), chat.firstResponseSeconds !== undefined ? fmt.duration(chat.firstResponseSeconds) : undefined],
    [t('transcript.field.withBot'), chat.secondsWithBot !== undefined ? fmt.duration(chat.secondsWithBot) : undefined],
    [t('transcript.field.timeToAgent'), chat.secondsToAgent !== undefined ? fmt.duration(chat.secondsToAgent) : undefined],
    [t('transcript.field.duration'), chat.durationSeconds !== undefined ? fmt.duration(chat.durationSeconds) : undefined],
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '').map(([label, value]) => ({ label, value }));
}

/** One message: "14:02 · Customer (Ana)" over its text, masked before it is cut so no digits slip out. */
function sectionOf(message: TranscriptMessage, zone: string, { t, fmt }: Localized): ReplySection {
  const role = t(`transcript.role.${message.role}`);
  const who = message.name?.trim() ? `${role} (${maskPhones(message.name.trim())})` : role;
  const time = message.at ? fmt.time(message.at, zone) : '';
  const attachments = message.attachments.map((a) => t('transcript.attachment', { name: maskPhones(a.name ?? a.type ?? t('transcript.file')) }));
  const text = [clip(maskPhones(message.text.trim()), MAX_MESSAGE_CHARS), ...attachments].filter(Boolean).join('\n');
  // What the customer typed is shown as typed: their `*` is no bold of ours.
  return { heading: time ? `${time} · ${who}` : who, text: text ? literal(text) : t('transcript.empty') };
}
