import type { Reply, ReplyButton, ReplyContext, ReplyForm, ReplySection, ReplyTable } from '../../reply/reply.js';
import type { AdaptiveCard, CardElement, CardVersion, Container, OpenUrlAction, SubmitAction, TextBlock } from './card-types.js';
import { clip as clipText, formatLocalDateTime, formatLocalTime } from '../../reply/format.js';
import { localized, type Translate } from '../../i18n/index.js';
import { cardData, cardLight, cardParagraphs } from './card-text.js';
import { cardTableHeader, cardTableRow, planCardTable } from './card-table.js';

/** Teams refuses a message over about 28 KB, counting the whole activity around the card. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;
/** The card's own ceiling: the rest of the 28 KB is left for the activity envelope. */
export const MAX_CARD_BYTES = 24 * 1024;

/** Teams shows at most six actions on a card. */
const MAX_ACTIONS = 6;
const CAP = { title: 200, summary: 1000, label: 100, value: 500, heading: 200, section: 3000, cell: 200, context: 500, footnote: 200, button: 40 } as const;
/** A button whose command text is longer than this is left out rather than cut (it would run something else). */
const MAX_BUTTON_VALUE = 300;

export interface RenderCardOptions {
  /** False for cards posted through a webhook: their buttons could not reach the bot. */
  actions?: boolean;
  /** Ceiling for the card JSON in UTF-8 bytes; default MAX_CARD_BYTES. */
  maxBytes?: number;
  /** Clock for "as of" (time only when recent, date and time otherwise). */
  now?: () => number;
}

/**
 * Renders a Reply as an Adaptive Card that Teams shows on every client, of the lowest version
 * its features need: title (on a tinted band for a tone: coloured title text is unreadable in
 * Teams' yellow and green), summary, fields as a FactSet, the table as ColumnSet rows laid out
 * for a phone's pane (see card-table.ts), sections (each line a paragraph), a subtle context
 * line, and Action.Submit buttons carrying `{ chatops: { action, value } }`. `share` buttons are
 * dropped (Teams has no ephemeral messages, so nothing needs sharing).
 *
 * The card stays under `maxBytes` by construction: every text is capped, and fields, table
 * rows and sections are added while their measured size fits, the rest summarized as
 * "… and N more".
 *
 * @example
 *   const card = renderCard({ title: 'Queue', table: { columns: ['Queue', 'Waiting'], rows: [['Sales', '8']] } });
 *   await context.sendActivity({ attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] });
 */
export function renderCard(reply: Reply, options: RenderCardOptions = {}): AdaptiveCard {
  const maxBytes = options.maxBytes ?? MAX_CARD_BYTES;
  const now = options.now ?? Date.now;
  const { t } = localized(reply.locale);
  const head: CardElement[] = [titleBlock(reply)];
  if (reply.summary) head.push(textBlock(cardParagraphs(cardLight(reply.summary)), CAP.summary));
  if (reply.context?.staleReason) {
    head.push({ ...textBlock(t('context.outOfDate', { reason: cardData(reply.context.staleReason) }), CAP.context), color: 'Attention', size: 'Small' });
  }
  // A chart drawn by the bot, behind a signed URL that Teams fetches (see src/charts/chart-links.ts).
  const chartUrl = reply.chart?.image?.url;
  const darkUrl = reply.chart?.image?.darkUrl;
  if (chartUrl)
    head.push({
      type: 'Image',
      url: chartUrl,
      altText: clip(reply.chart!.description || reply.chart!.title, CAP.summary),
      size: 'Stretch',
      // Teams picks the picture drawn for the reader's theme: light lines on dark, dark on light.
      ...(darkUrl ? { themedUrls: [{ theme: 'Dark' as const, url: darkUrl }] } : {}),
    });
  const tail: CardElement[] = reply.context ? contextBlocks(reply.context, now(), t) : [];
  const actions =
    options.actions === false ? [] : [...(reply.form ? [formSubmit(reply.form)] : []), ...submitActions(reply.buttons ?? [])].slice(0, MAX_ACTIONS);
  // A form: one input per field, what did not check said in red above it.
  if (reply.form && options.actions !== false) tail.unshift(...formInputs(reply.form, t));
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.0',
    body: [...head, ...tail],
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
  const blocks: Block[] = [];
  if (reply.fields?.length) blocks.push(factsBlock(reply.fields));
  if (reply.table && reply.table.columns.length > 0) blocks.push(tableBlock(reply.table));
  if (reply.sections?.length) blocks.push(sectionsBlock(reply.sections));
  // Every block's "… and N more" note has its room held before any block fills up, so a
  // later block is never dropped without saying so.
  const budget = new ByteBudget(maxBytes - bytes(card));
  const noteRoom = blocks.reduce((sum, b) => sum + noteReserve(b.note), 0);
  const middle: CardElement[] = [];
  if (budget.take(noteRoom)) {
    for (const block of blocks) {
      budget.give(noteReserve(block.note));
      middle.push(...block.render(budget));
    }
  }
  card.body = [...head, ...middle, ...tail];
  // Unreachable when the accounting above is right; a card Teams refuses would be worse than this.
  if (bytes(card) > maxBytes) card.body = [...head, textBlock(t('context.tooLong'), CAP.summary)];
  card.version = cardVersion(card);
  return card;
}

/**
 * The lowest Adaptive Cards version with every feature the card uses: input labels and
 * validation are 1.3; tinted containers and button styles 1.2; the rest 1.0.
 */
export function cardVersion(card: Pick<AdaptiveCard, 'body' | 'actions'>): CardVersion {
  let version: CardVersion = card.actions?.some((a) => a.style) ? '1.2' : '1.0';
  const visit = (el: CardElement): void => {
    if (el.type === 'Input.Text') version = '1.3';
    else if (el.type === 'Container') {
      if (el.style && el.style !== 'default' && el.style !== 'emphasis' && version === '1.0') version = '1.2';
      el.items.forEach(visit);
    } else if (el.type === 'ColumnSet') for (const column of el.columns) column.items.forEach(visit);
  };
  card.body.forEach(visit);
  return version;
}

/** The prefix of a form input's id: the submission's values are read back by it. */
export const FORM_FIELD_PREFIX = 'chatops-field:';

function formInputs(form: ReplyForm, t: Translate): CardElement[] {
  return form.fields.flatMap((field): CardElement[] => {
    const error = form.errors?.[field.name];
    const input: CardElement = {
      type: 'Input.Text',
      id: `${FORM_FIELD_PREFIX}${field.name}`,
      label: clip(field.label, CAP.button * 4),
      ...(field.value ? { value: clip(field.value, CAP.summary) } : {}),
      ...(field.hint ? { placeholder: clip(field.hint, CAP.summary) } : {}),
      ...(field.optional ? {} : { isRequired: true, errorMessage: t('context.required') }),
    };
    return error ? [{ ...textBlock(cardData(error), CAP.summary), color: 'Attention', size: 'Small' }, input] : [input];
  });
}

function formSubmit(form: ReplyForm): SubmitAction {
  return { type: 'Action.Submit', title: clip(form.submitLabel, CAP.button), data: { chatops: { action: 'form', value: form.submit } }, style: 'positive' };
}

/*
 * Teams' "good" and "warning" text colours are green and yellow at 2.1:1 and 1.5:1 on white: a
 * title in them is hard to read. The tone is a tinted band behind the title instead, whose text
 * keeps the theme's own colour in light, dark and high-contrast themes alike.
 */
const TONE_STYLE = { good: 'good', warning: 'warning', danger: 'attention' } as const;

function titleBlock(reply: Reply): CardElement {
  const title: TextBlock = { ...textBlock(cardData(reply.title) || ' ', CAP.title), size: 'Medium', weight: 'Bolder' };
  const style = reply.tone && reply.tone !== 'normal' ? TONE_STYLE[reply.tone] : undefined;
  return style ? { type: 'Container', style, items: [title] } : title;
}

/** A block of card markdown the renderer made: data in it went through cardData, the bot's marks through cardLight. */
function textBlock(markdown: string, cap: number): TextBlock {
  return { type: 'TextBlock', text: clip(markdown, cap), wrap: true };
}

function noteBlock(text: string): TextBlock {
  return { type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small', spacing: 'Small' };
}

function contextBlocks(context: ReplyContext, now: number, t: Translate): CardElement[] {
  const parts: string[] = [];
  if (context.source) parts.push(cardData(context.source));
  // One clock per message: the source's, like the chart's axis and the body's times; Teams' own
  // reader-zone time only when the reply names no zone.
  if (context.asOf) parts.push(t('context.asOf', { time: context.timeZone ? sourceTime(context.asOf, context.timeZone, now) : cardTime(context.asOf, now) }));
  if (context.note) parts.push(cardData(context.note));
  if (parts.length === 0) return [];
  return [{ ...noteBlock(clip(parts.join(' · '), CAP.context)), spacing: 'Medium' }];
}

/** "14:02" on the source's clock, with the day when the data is not from the last 12 hours. */
function sourceTime(iso: string, timeZone: string, now: number): string {
  const recent = Math.abs(now - Date.parse(iso)) < 12 * 3_600_000;
  return recent ? formatLocalTime(iso, timeZone) : formatLocalDateTime(iso, timeZone);
}

/** Teams shows `{{TIME(…)}}` / `{{DATE(…)}}` in the reader's own time zone; they need RFC 3339 without fractions. */
function cardTime(iso: string, now: number): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  if (!m) return iso;
  const plain = `${m[1]}Z`;
  const recent = Math.abs(now - Date.parse(plain)) < 12 * 3_600_000;
  return recent ? `{{TIME(${plain})}}` : `{{DATE(${plain}, SHORT)}} {{TIME(${plain})}}`;
}

function submitActions(buttons: ReplyButton[]): Array<SubmitAction | OpenUrlAction> {
  const actions: Array<SubmitAction | OpenUrlAction> = [];
  for (const button of buttons) {
    if (button.action === 'open') {
      actions.push({ type: 'Action.OpenUrl', title: clip(button.label, CAP.button), url: button.value });
      continue;
    }
    if (button.action === 'share' || button.value.length > MAX_BUTTON_VALUE) continue;
    const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
    actions.push({
      type: 'Action.Submit',
      title: clip(button.label, CAP.button),
      data: { chatops: { action: button.action, value: button.value } },
      ...(style ? { style } : {}),
    });
    if (actions.length === MAX_ACTIONS) break;
  }
  return actions;
}

/** One part of the card that grows with the reply, cut to fit with a note saying how much. */
interface Block {
  note: (cut: number) => string;
  render: (budget: ByteBudget) => CardElement[];
}

function factsBlock(fields: NonNullable<Reply['fields']>): Block {
  const fact = (i: number) => ({ title: clip(cardData(fields[i]!.label), CAP.label) || ' ', value: clip(cardData(fields[i]!.value), CAP.value) || '—' });
  const note = (n: number) => `… and ${n} more fields`;
  return {
    note,
    render(budget) {
      const fitted = fitItems(fields.length, fact, budget, bytes({ type: 'FactSet', facts: [] }), noteReserve(note));
      const out: CardElement[] = fitted.length > 0 ? [{ type: 'FactSet', facts: fitted }] : [];
      if (fitted.length < fields.length) out.push(noteBlock(note(fields.length - fitted.length)));
      return out;
    },
  };
}

function tableBlock(table: ReplyTable): Block {
  const layout = planCardTable(table);
  const extra = [table.footnote ? clip(cardData(table.footnote), CAP.footnote) : ''].filter(Boolean);
  const note = (cut: number) => [cut > 0 ? `… and ${cut} more` : '', ...extra].filter(Boolean).join(' · ');
  return {
    note,
    render(budget) {
      const container: Container = { type: 'Container', spacing: 'Medium', items: [] };
      const itemAt = (i: number): CardElement => (i === 0 ? cardTableHeader(table, layout) : cardTableRow(table, table.rows[i - 1]!, layout));
      const fitted = fitItems(table.rows.length + 1, itemAt, budget, bytes(container), noteReserve(note), extra.length > 0);
      // The header alone says nothing: without a row that fits, only the note is shown.
      const rowsShown = Math.max(0, fitted.length - 1);
      const out: CardElement[] = rowsShown > 0 ? [{ ...container, items: fitted }] : [];
      const text = note(table.rows.length - rowsShown);
      if (text) out.push(noteBlock(text));
      return out;
    },
  };
}

function sectionsBlock(sections: ReplySection[]): Block {
  const note = (n: number) => `… and ${n} more sections`;
  return {
    note,
    render(budget) {
      const container = (i: number): Container => {
        const s = sections[i]!;
        return {
          type: 'Container',
          spacing: 'Medium',
          items: [
            ...(s.heading ? [{ ...textBlock(cardData(s.heading), CAP.heading), weight: 'Bolder' as const }] : []),
            textBlock(cardParagraphs(cardLight(s.text)) || ' ', CAP.section),
          ],
        };
      };
      const fitted = fitItems<CardElement>(sections.length, container, budget, 0, noteReserve(note));
      return fitted.length < sections.length ? [...fitted, noteBlock(note(sections.length - fitted.length))] : fitted;
    },
  };
}

/**
 * Takes items `itemAt(0…count-1)` in order, built only as needed, while their JSON (plus a
 * comma each) fits the budget, after taking `reserve` bytes for the "… and N more" note (held
 * for it by the caller, so always there). Over-counts by a comma at most, never under.
 */
function fitItems<T>(count: number, itemAt: (i: number) => T, budget: ByteBudget, overhead: number, reserve: number, keepNote = false): T[] {
  budget.take(reserve);
  if (!budget.take(overhead + 1)) return [];
  const fitted: T[] = [];
  for (let i = 0; i < count; i++) {
    const item = itemAt(i);
    if (!budget.take(bytes(item) + 1)) break;
    fitted.push(item);
  }
  if (fitted.length === count && !keepNote) budget.give(reserve);
  if (fitted.length === 0) budget.give(overhead + 1);
  return fitted;
}

/** Room for a note whose number may grow to seven digits. */
function noteReserve(note: (cut: number) => string): number {
  return bytes(noteBlock(note(9_999_999))) + 1;
}

class ByteBudget {
  constructor(private left: number) {}
  take(n: number): boolean {
    if (n > this.left) return false;
    this.left -= n;
    return true;
  }
  give(n: number): void {
    this.left += n;
  }
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function clip(text: string, max: number): string {
  // Control characters cost six bytes each in JSON and mean nothing on a card.
  const cut = clipText(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''), max);
  // Cut between an escaped "<" and the word joiner after it, the "<" would stand bare: drop it.
  return cut.endsWith('<…') ? `${cut.slice(0, -2)}…` : cut;
}
