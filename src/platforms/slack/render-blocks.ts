import type { types } from '@slack/bolt';
import type { Reply, ReplyButton, ReplyContext } from '../../reply/reply.js';
import { MAX_BUTTON_VALUE, actionId } from './buttons.js';
import { clockTime, cutChars, cutShort, cutText, mentionMarkup, moreLine, slackData, slackLight, slackTime } from './mrkdwn.js';
import { lightPlain } from '../../reply/light-markup.js';
import { localized, type Translate } from '../../i18n/index.js';
import { renderTableChunks } from './render-table.js';

type Block = types.KnownBlock;

/** Slack's Block Kit limits this renderer keeps by construction. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: MAX_BUTTON_VALUE,
  buttonsPerMessage: 25,
  contextText: 2000,
  fallbackText: 3000,
} as const;

/** Most sections a table may take, so later sections still have room. */
const MAX_TABLE_SECTIONS = 10;

export interface RenderOptions {
  /** Who to notify: "@here", "@channel", a user-group id ("S0123") or a user id ("U0123"). */
  mention?: string;
  /** Slack user id of whoever shared the answer into the channel. */
  sharedBy?: string;
}

/** A message body for chat.postMessage, chat.update, an ack or a response_url post. */
export interface SlackMessage {
  /** Notification and accessibility fallback; never empty. */
  text: string;
  blocks: Block[];
}

/** A body block with what it shows, so a cut can say what was left out. */
interface Unit {
  block: Block;
  unit: 'fields' | 'rows' | 'sections' | 'lines';
  count: number;
}

const TONE_EMOJI: Record<NonNullable<Reply['tone']>, string> = {
  normal: '',
  good: ':white_check_mark: ',
  warning: ':warning: ',
  danger: ':red_circle: ',
};

/**
 * Renders a Reply as Block Kit: header, summary, fields (10 per section), the table as
 * monospace text, sections, a context line (source, "as of 14:02" in each reader's time zone,
 * why the data is stale) and buttons. Slack's limits hold whatever the reply holds; anything
 * left out ends with "… and N more". "Share" buttons are dropped from private replies.
 *
 * @example
 *   const { text, blocks } = renderBlocks({ title: 'Queue — Bogotá', summary: '12 waiting' }, { mention: '@here' });
 *   await client.chat.postMessage({ channel: 'C0123', text, blocks });
 */
export function renderBlocks(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const mention = options.mention ? mentionMarkup(options.mention) : undefined;
  const head: Block[] = [];
  if (mention) head.push(section(mention));
  const title = `${TONE_EMOJI[reply.tone ?? 'normal']}${reply.title.trim()}`.trim();
  if (title) head.push({ type: 'header', text: { type: 'plain_text', text: cutShort(title, SLACK_LIMITS.headerText), emoji: true } });
  if (reply.summary?.trim()) head.push(section(cutText(slackLight(reply.summary), SLACK_LIMITS.sectionText)));

  const tail: Block[] = [];
  const context = contextElements(reply.context, options.sharedBy, localized(reply.locale).t);
  if (context.length) tail.push({ type: 'context', elements: context.map((text) => ({ type: 'mrkdwn' as const, text })) });
  const buttons = buttonElements(reply);
  if (buttons.length) tail.push({ type: 'actions', elements: buttons });

  const body = bodyUnits(reply);
  const room = SLACK_LIMITS.blocks - head.length - tail.length;
  const blocks = [...head, ...fitBody(body, room), ...tail];
  return { text: fallbackText(reply, mention), blocks };
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function bodyUnits(reply: Reply): Unit[] {
  const units: Unit[] = [];
  const fields = reply.fields ?? [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    const group = fields.slice(i, i + SLACK_LIMITS.fieldsPerSection);
    units.push({
      block: {
        type: 'section',
        fields: group.map((f) => ({ type: 'mrkdwn' as const, text: cutText(`*${slackData(f.label)}*\n${slackData(f.value)}`, SLACK_LIMITS.fieldText) })),
      },
      unit: 'fields',
      count: group.length,
    });
  }
  if (reply.table) {
    for (const chunk of renderTableChunks(reply.table, SLACK_LIMITS.sectionText, MAX_TABLE_SECTIONS)) {
      units.push({ block: section(chunk.text), unit: 'rows', count: chunk.rows });
    }
  }
  const chartFile = reply.chart?.image?.slackFileId;
  if (chartFile) {
    units.push({
      block: { type: 'image', slack_file: { id: chartFile }, alt_text: cutChars(reply.chart!.description || reply.chart!.title, 2000) },
      unit: 'sections',
      count: 1,
    });
  }
  for (const s of reply.sections ?? []) {
    const heading = s.heading?.trim() ? `*${slackData(s.heading.trim())}*\n` : '';
    const chunks = splitLines(heading + slackLight(s.text), SLACK_LIMITS.sectionText);
    chunks.forEach((chunk, i) => {
      units.push({ block: section(chunk.text), unit: i === 0 ? 'sections' : 'lines', count: i === 0 ? 1 : chunk.lines });
    });
  }
  return units;
}

/** Splits text into pieces of at most `max` characters at line breaks; an over-long line is cut. */
function splitLines(text: string, max: number): Array<{ text: string; lines: number }> {
  const pieces: Array<{ text: string; lines: number }> = [];
  let current: string[] = [];
  let used = 0;
  for (const raw of text.split('\n')) {
    const line = cutChars(raw, max);
    const cost = line.length + (current.length ? 1 : 0);
    if (current.length && used + cost > max) {
      pieces.push({ text: current.join('\n'), lines: current.length });
      current = [];
      used = 0;
    }
    used += line.length + (current.length ? 1 : 0);
    current.push(line);
  }
  if (current.length && current.join('').trim()) pieces.push({ text: current.join('\n'), lines: current.length });
  return pieces;
}

/** Keeps what fits in `room` blocks; the last kept block then says what was left out. */
function fitBody(units: Unit[], room: number): Block[] {
  if (units.length <= room) return units.map((u) => u.block);
  const keep = Math.max(0, room - 1);
  const cut = new Map<Unit['unit'], number>();
  for (const u of units.slice(keep)) cut.set(u.unit, (cut.get(u.unit) ?? 0) + u.count);
  const parts = [...cut].filter(([, n]) => n > 0).map(([unit, n]) => `${n} more ${unit}`);
  const note = parts.length ? `… and ${parts.join(', ')}` : moreLine(units.length - keep, 'sections');
  return [...units.slice(0, keep).map((u) => u.block), { type: 'context', elements: [{ type: 'mrkdwn', text: `_${note}_` }] }];
}

function contextElements(context: ReplyContext | undefined, sharedBy: string | undefined, t: Translate): string[] {
  const out: string[] = [];
  if (context?.source) out.push(slackData(context.source));
  // The operation's clock when the source's zone is known (what supervisors plan by); else
  // Slack shows the time in each reader's own zone.
  if (context?.asOf) {
    const local = context.timeZone ? clockTime(context.asOf, context.timeZone) : undefined;
    out.push(t('context.asOf', { time: local ?? slackTime(context.asOf) }));
  }
  if (context?.staleReason) out.push(`:hourglass: ${slackData(context.staleReason)}`);
  if (context?.note) out.push(slackData(context.note));
  if (sharedBy && /^[UW][A-Z0-9]+$/.test(sharedBy)) out.push(t('context.sharedBy', { user: `<@${sharedBy}>` }));
  return out.map((text) => cutChars(text, SLACK_LIMITS.contextText));
}

function buttonElements(reply: Reply): types.Button[] {
  // An action's result (an acknowledgement) is never shared: sharing re-runs its command.
  const shareable = reply.visibility !== 'private' && !reply.actionResult;
  const usable = (reply.buttons ?? []).filter((b: ReplyButton) => (b.action !== 'share' || shareable) && b.value.length <= SLACK_LIMITS.buttonValue);
  return usable.slice(0, SLACK_LIMITS.buttonsPerMessage).map((b, i) => ({
    type: 'button',
    action_id: actionId(b.action, i),
    text: { type: 'plain_text', text: cutShort(b.label, SLACK_LIMITS.buttonText), emoji: true },
    ...(b.action === 'open' ? { url: b.value } : b.value ? { value: b.value } : {}),
    ...(b.style ? { style: b.style } : {}),
  }));
}

function fallbackText(reply: Reply, mention: string | undefined): string {
  const words = [reply.title.trim(), reply.summary && lightPlain(reply.summary).trim()].filter(Boolean).join(': ');
  const text = [mention, slackData(words || localized(reply.locale).t('context.update'))].filter(Boolean).join(' ');
  return cutChars(text, SLACK_LIMITS.fallbackText);
}
