import { isValidUserId } from '../adapters/port.js';
import type { SenderRole, Transcript, TranscriptMessage } from '../src/domain/types.js';
import type { ReplyField, ReplySection } from '../src/reply/reply.js';
import type { CommandDefinition } from '../src/router/types.js';
import { UsageError } from '../src/router/types.js';
import { clip, formatDuration, formatLocalDateTime, formatLocalTime } from '../src/reply/format.js';
import { pageOf } from '../src/reply/paging.js';
import { literal } from '../src/reply/light-markup.js';
import { maskPhone, maskPhones } from '../src/privacy/mask-phone.js';
import { capitalize, nextPageButton, refreshButton, sourceContext } from './common.js';

/** Messages per page: each is one section, so a page stays well inside every platform's limits. */
const MESSAGES_PER_PAGE = 15;
/** Longer messages are cut (the vendor's tool shows them whole). */
const MAX_MESSAGE_CHARS = 1500;

const ROLE: Record<SenderRole, string> = { customer: 'Customer', bot: 'Bot', agent: 'Agent', system: 'System' };

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
  summary: 'One conversation: customer, bot and agent messages with times, wait and duration (supervisors).',
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
    return days ? `searching up to ${days} days of ${source.label}` : `asking ${source.label} for the chat`;
  },
  async handler(ctx) {
    const [id, extra] = ctx.args;
    if (id === undefined) throw new UsageError('Which chat? Give its id (conn_id): /agents shows the ids of chats in progress when the vendor tells them.');
    if (extra !== undefined)
      throw new UsageError(
        ctx.sources.all().length > 1
          ? `Give one chat id and, optionally, a source (${ctx.sources
              .all()
              .map((s) => s.id)
              .join(', ')}).`
          : 'Give one chat id.',
      );
    if (!isValidUserId(id)) throw new UsageError('That is not a chat id: ids are letters, digits, "-" or "_", at most 64 characters.');
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
        title: `Transcript ${id} — ${source.label}`,
        summary: `${source.vendor} has no chat with id ${id} (within the days the bot searches). Check the id, or name another source.`,
        context: sourceContext(source, fetched),
        visibility: 'private',
        tone: 'warning',
      };
    }
    const page = pageOf(transcript.messages, ctx.page, MESSAGES_PER_PAGE);
    const first = (page.page - 1) * MESSAGES_PER_PAGE + 1;
    const note =
      page.pageCount > 1
        ? `messages ${first}–${first + page.items.length - 1} of ${transcript.messages.length} · page ${page.page} of ${page.pageCount}`
        : undefined;
    const fallback = `/transcript ${id}`;
    return {
      title: `Transcript ${id} — ${source.label}`,
      summary: summaryOf(transcript),
      fields: fieldsOf(transcript, source.timeZone),
      sections: page.items.length ? page.items.map((m) => sectionOf(m, source.timeZone)) : [{ text: 'No messages in this chat.' }],
      buttons: [...(page.nextPage ? [nextPageButton(ctx, fallback, page.nextPage)] : []), ...(transcript.active ? [refreshButton(ctx, fallback)] : [])],
      context: sourceContext(source, fetched, note),
      visibility: 'private',
    };
  },
};

function summaryOf(t: Transcript): string {
  const parts = [t.active ? 'In progress' : t.status ? literal(capitalize(t.status)) : 'Finished'];
  if (t.channel) parts.push(literal(t.channel));
  parts.push(`${t.messages.length} message${t.messages.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function fieldsOf(t: Transcript, zone: string): ReplyField[] {
  const fields: Array<[string, string | undefined]> = [
    ['Status', t.active ? 'in progress' : t.status],
    ['Channel', t.channel],
    ['Queue', t.queue],
    ['Agent', t.agentName && maskPhones(t.agentName)],
    ['Customer', t.customerName && maskPhones(t.customerName)],
    ['Phone', t.customerPhone && maskPhone(t.customerPhone)],
    ['Started', t.startedAt && formatLocalDateTime(t.startedAt, zone)],
    ['Ended', t.endedAt && formatLocalDateTime(t.endedAt, zone)],
    ['Wait', t.waitSeconds !== undefined ? formatDuration(t.waitSeconds) : undefined],
    ['First response', t.firstResponseSeconds !== undefined ? formatDuration(t.firstResponseSeconds) : undefined],
    ['With bot', t.secondsWithBot !== undefined ? formatDuration(t.secondsWithBot) : undefined],
    ['Time to agent', t.secondsToAgent !== undefined ? formatDuration(t.secondsToAgent) : undefined],
    ['Duration', t.durationSeconds !== undefined ? formatDuration(t.durationSeconds) : undefined],
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '').map(([label, value]) => ({ label, value }));
}

/** One message: "14:02 · Customer (Ana)" over its text, masked before it is cut so no digits slip out. */
function sectionOf(message: TranscriptMessage, zone: string): ReplySection {
  const who = message.name?.trim() ? `${ROLE[message.role]} (${maskPhones(message.name.trim())})` : ROLE[message.role];
  const time = message.at ? formatLocalTime(message.at, zone) : '';
  const attachments = message.attachments.map((a) => `[attachment: ${maskPhones(a.name ?? a.type ?? 'file')}]`);
  const text = [clip(maskPhones(message.text.trim()), MAX_MESSAGE_CHARS), ...attachments].filter(Boolean).join('\n');
  // What the customer typed is shown as typed: their `*` is no bold of ours.
  return { heading: time ? `${time} · ${who}` : who, text: text ? literal(text) : '(empty message)' };
}
