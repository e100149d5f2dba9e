import type { ReplyTable } from '../../reply/reply.js';
import { cutShort, escapeMrkdwn, moreLine, slackData } from './mrkdwn.js';
import { defangLinks } from '../../reply/defang.js';

/** Widest a column may be before its cells are cut, so a row stays readable on a laptop. */
const MAX_COLUMN_WIDTH = 32;
/** Widest a whole line may be (before escaping), so a header and a row always fit one section. */
const MAX_LINE_WIDTH = 120;
const FENCE = '```';

/** One section's worth of table: its text and how many data rows it shows. */
export interface TableChunk {
  text: string;
  rows: number;
}

/**
 * A table as monospace text in as many section texts as it needs, each at most `maxChars`
 * (fences included), using at most `maxChunks` of them. Rows that do not fit are counted in a
 * closing "… and N more rows" line; the table's own footnote follows it.
 *
 * @example
 *   renderTableChunks({ columns: ['Queue', 'Waiting'], rows: [['Sales', '8']] }, 3000, 5)
 *   // [{ text: '```\nQueue  Waiting\n─────  ───────\nSales  8\n```', rows: 1 }]
 */
export function renderTableChunks(table: ReplyTable, maxChars: number, maxChunks: number): TableChunk[] {
  if (maxChunks <= 0) return [];
  const widths = table.columns.map((column, i) =>
    Math.min(
      MAX_COLUMN_WIDTH,
      table.rows.reduce((w, row) => Math.max(w, (row[i] ?? '').length), column.length),
    ),
  );
  // Inside the fence only a backtick could end it early (and let what follows be read as mrkdwn).
  const fit = (raw: string) =>
    escapeMrkdwn(defangLinks(cutShort(raw.trimEnd(), MAX_LINE_WIDTH)))
      .replace(/`/g, '\u02CB')
      .replace(/@(?=(here|channel|everyone)\b)/gi, '@\u2060');
  const line = (cells: string[]) => fit(widths.map((w, i) => cutShort(cells[i] ?? '', w).padEnd(w)).join('  '));
  const head = [line(table.columns), fit(widths.map((w) => '─'.repeat(w)).join('  '))];
  const rows = table.rows.map(line);
  const footnote = table.footnote ? `_${slackData(cutShort(table.footnote, 300))}_` : '';

  // Space left in a chunk for the closing notes, reserved for the widest they can be.
  const tailReserve = moreLine(rows.length, 'rows').length + footnote.length + 2;
  const chunks: TableChunk[] = [];
  let current = [...head];
  let rowsInChunk = 0;
  let used = fencedSize(head);
  let next = 0;
  while (next < rows.length) {
    const row = rows[next] ?? '';
    const cost = row.length + (current.length > 0 ? 1 : 0);
    if (used + cost <= maxChars - tailReserve) {
      current.push(row);
      used += cost;
      rowsInChunk++;
      next++;
      continue;
    }
    if (chunks.length === maxChunks - 1 || current.length === 0) break;
    chunks.push({ text: fence(current), rows: rowsInChunk });
    current = [];
    rowsInChunk = 0;
    used = fencedSize(current);
  }
  const cut = rows.length - next;
  const notes = [cut > 0 ? moreLine(cut, 'rows') : '', footnote].filter(Boolean);
  chunks.push({ text: fence(current) + (notes.length ? `\n${notes.join('\n')}` : ''), rows: rowsInChunk });
  return chunks;
}

function fencedSize(lines: string[]): number {
  return FENCE.length * 2 + 2 + lines.join('\n').length;
}

function fence(lines: string[]): string {
  return `${FENCE}\n${lines.join('\n')}\n${FENCE}`;
}
