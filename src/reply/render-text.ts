import type { Reply, ReplyContext, ReplyTable } from './reply.js';
import { lightSpans } from './light-markup.js';
import { localized } from '../i18n/index.js';

export interface RenderTextOptions {
  /** Clock for "2 min ago"; defaults to the system clock. */
  now?: Date;
  /**
   * A command as people type it here (SLACK_COMMAND_PREFIX: `/alerts` -> `/cc-alerts`), for the
   * button hints; default: as written.
   */
  asTyped?: (commandText: string) => string;
}

/**
 * Plain text for the console, the CLI (`chatops ask`) and logs: title, summary, aligned fields,
 * a table with aligned columns, sections, the context line and buttons as hints.
 *
 * @example
 *   console.log(renderText({ title: 'Queue — Bogotá', summary: '12 waiting', buttons: [{ label: 'Refresh', action: 'run', value: '/queue' }] }));
 *   // Queue — Bogotá
 *   // 12 waiting
 *   //
 *   // [Refresh: /queue]
 */
export function renderText(reply: Reply, options: RenderTextOptions = {}): string {
  const blocks: string[] = [];
  blocks.push([reply.title, reply.summary && withoutMarks(reply.summary)].filter(Boolean).join('\n'));
  if (reply.fields?.length) {
    const width = Math.max(...reply.fields.map((f) => textWidth(f.label)));
    blocks.push(reply.fields.map((f) => `${padEnd(`${f.label}:`, width + 1)}  ${indent(f.value, width + 3)}`).join('\n'));
  }
  if (reply.table && (reply.table.rows.length > 0 || reply.table.footnote)) blocks.push(renderTable(reply.table));
  for (const section of reply.sections ?? []) {
    blocks.push([section.heading, section.text && withoutMarks(section.text)].filter((part) => part !== undefined && part !== '').join('\n'));
  }
  const context = reply.context ? renderContext(reply.context, options.now ?? new Date(), reply.locale) : '';
  if (context) blocks.push(context);
  const asTyped = options.asTyped ?? ((text: string) => text);
  if (reply.buttons?.length) blocks.push(reply.buttons.map((b) => `[${b.label}: ${asTyped(buttonHint(b.action, b.value))}]`).join(' '));
  return blocks.filter((block) => block.length > 0).join('\n\n');
}

function renderTable(table: ReplyTable): string {
  const columnCount = Math.max(table.columns.length, ...table.rows.map((row) => row.length));
  const cell = (row: string[], i: number) => oneLine(row[i] ?? '');
  const header = Array.from({ length: columnCount }, (_, i) => oneLine(table.columns[i] ?? ''));
  const widths = header.map((h, i) => Math.max(textWidth(h), ...table.rows.map((row) => textWidth(cell(row, i)))));
  const numeric = header.map((_, i) => table.rows.length > 0 && table.rows.every((row) => /^[-+]?[\d.,:/%]+[a-z%]*( \d+[a-z]+)?$|^—$|^$/i.test(cell(row, i))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map((row) => line(header.map((_, i) => cell(row, i))))];
  if (table.footnote) lines.push(table.footnote);
  return lines.join('\n');
}

function renderContext(context: ReplyContext, now: Date, locale: string | undefined): string {
  const { t, fmt } = localized(locale);
  const parts: string[] = [];
  if (context.source) parts.push(context.source);
  if (context.asOf) {
    const time = fmt.time(context.asOf, context.timeZone ?? 'UTC');
    const age = fmt.age(context.asOf, now);
    let asOf = age === t('age.justNow') || age === '—' ? t('context.asOf', { time }) : t('context.asOfAge', { time, age });
    if (context.staleReason) asOf += ` — ${context.staleReason}`;
    parts.push(asOf);
  } else if (context.staleReason) {
    parts.push(context.staleReason);
  }
  if (context.note) parts.push(context.note);
  return parts.join(' · ');
}

function buttonHint(action: string, value: string): string {
  switch (action) {
    case 'run':
      return value;
    case 'ack':
      return `/alerts ack ${value}`;
    case 'silence': {
      const at = value.lastIndexOf(':');
      return at > 0 ? `/alerts silence ${value.slice(0, at)} ${value.slice(at + 1)}` : `/alerts silence ${value}`;
    }
    case 'open':
      return value;
    default:
      return action;
  }
}

/** Table cells are one line; a newline inside one would break the alignment. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function indent(text: string, by: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(by)}`);
}

/** Width in code points: close enough for a terminal, and never splits a surrogate pair. */
function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
}

/** Section text is markdown-light (`*bold*`, `_italic_`, escapes): a terminal shows the words without the marks. */
function withoutMarks(text: string): string {
  return lightSpans(text)
    .map((span) => (span.mark === 'code' ? `\`${span.text}\`` : span.text))
    .join('');
}
