import type { ReplyTable } from '../../reply/reply.js';
import { cutShort, escapeMrkdwn, moreLine, slackData } from './mrkdwn.js';
import { defangLinks } from '../../reply/defang.js';

/** Widest a column may be before its cells are cut, so a row stays readable on a laptop. */
const MAX_COLUMN_WIDTH = 32;
/**
 * Widest a line may be: Slack's message pane with a thread open, or a phone turned sideways,
 * shows about 80 monospace characters before wrapping a row onto the next line.
 */
export const MAX_LINE_WIDTH = 80;
const GAP = '  ';
const FENCE = '```';

/** One section's worth of table: its text and how many data rows it shows. */
export interface TableChunk {
  text: string;
  rows: number;
}

/** A piece of the table's text: a header, or one row (with its id lines) of one column group. */
interface Piece {
  text: string;
  /** The data row it shows, and whether it is that row's first piece (the one counted). */
  row?: number;
  counted?: boolean;
}

/**
 * A table as monospace text in as many section texts as it needs, each at most `maxChars`
 * (fences included), using at most `maxChunks` of them. No line is wider than 80 characters:
 * columns that do not fit beside the first are shown in a second table under the first (the
 * first column repeated, so each row is still named), and id columns (`kinds`) are never cut:
 * their ids follow the row on lines of their own, whole. Rows that do not fit are counted in a
 * closing "… and N more rows" line; the table's own footnote follows it.
 *
 * @example
 *   renderTableChunks({ columns: ['Queue', 'Waiting'], rows: [['Sales', '8']] }, 3000, 5)
 *   // [{ text: '```\nQueue  Waiting\n─────  ───────\nSales  8\n```', rows: 1 }]
 */
export function renderTableChunks(table: ReplyTable, maxChars: number, maxChunks: number): TableChunk[] {
  if (maxChunks <= 0) return [];
  const ids = table.columns.map((_, i) => i).filter((i) => table.kinds?.[i] === 'id');
  const shown = table.columns.map((_, i) => i).filter((i) => !ids.includes(i));
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
  // Defanged before it is cut: a cut can end an address early ("www.…"), where the defanging no
  // longer sees it (the look-alikes keep the length, so the widths hold).
  const line = (cells: string[], group: number[]) => fit(group.map((i) => cutShort(defangLinks(cells[i] ?? ''), widths[i]!).padEnd(widths[i]!)).join(GAP));

  const pieces: Piece[] = [];
  columnGroups(shown, widths).forEach((group, g) => {
    const head = [line(table.columns, group), fit(group.map((i) => '─'.repeat(widths[i]!)).join(GAP))];
    pieces.push({ text: (g > 0 ? '\n' : '') + head.join('\n') });
    table.rows.forEach((row, r) => {
      const lines = [line(row, group)];
      if (g === 0) for (const i of ids) lines.push(...idLines(table.columns[i] ?? '', row[i] ?? ''));
      pieces.push({ text: lines.join('\n'), row: r, counted: g === 0 });
    });
  });
  const footnote = table.footnote ? `_${slackData(cutShort(table.footnote, 300))}_` : '';

  // Space left in a chunk for the closing notes, reserved for the widest they can be.
  const tailReserve = moreLine(table.rows.length, 'rows').length + footnote.length + 2;
  const chunks: TableChunk[] = [];
  let current: string[] = [];
  let rowsInChunk = 0;
  let used = fencedSize(current);
  let next = 0;
  while (next < pieces.length) {
    const piece = pieces[next]!;
    const cost = piece.text.length + (current.length > 0 ? 1 : 0);
    if (used + cost <= maxChars - tailReserve) {
      current.push(piece.text);
      used += cost;
      if (piece.counted) rowsInChunk++;
      next++;
      continue;
    }
    if (chunks.length === maxChunks - 1 || current.length === 0) break;
    chunks.push({ text: fence(current), rows: rowsInChunk });
    current = [];
    rowsInChunk = 0;
    used = fencedSize(current);
  }
  // A row is shown when every piece of it is: one cut in its second group counts as not shown.
  const missing = new Set(pieces.slice(next).flatMap((p) => (p.row === undefined ? [] : [p.row])));
  const notes = [missing.size > 0 ? moreLine(missing.size, 'rows') : '', footnote].filter(Boolean);
  chunks.push({ text: fence(current) + (notes.length ? `\n${notes.join('\n')}` : ''), rows: rowsInChunk });
  return chunks;
}

/**
 * Columns in groups that fit `MAX_LINE_WIDTH`, each starting with the first column: the
 * columns in order while they fit, then the rest in as few more groups as they need.
 */
function columnGroups(columns: number[], widths: number[]): number[][] {
  const [first, ...rest] = columns;
  if (first === undefined) return [];
  const groups: number[][] = [[first]];
  let width = widths[first]!;
  for (const i of rest) {
    const group = groups.at(-1)!;
    if (group.length > 1 && width + GAP.length + widths[i]! > MAX_LINE_WIDTH) {
      groups.push([first, i]);
      width = widths[first]! + GAP.length + widths[i]!;
    } else {
      group.push(i);
      width += GAP.length + widths[i]!;
    }
  }
  return groups;
}

/** "  Chats in progress: DEMO-1 DEMO-2", wrapped between ids at the line width, each id whole. */
function idLines(label: string, cell: string): string[] {
  const ids = cell.split(/\s+/).filter(Boolean);
  if (ids.length === 0) return [];
  const lines: string[] = [];
  let current = `  ${label}:`;
  for (const id of ids) {
    if (current.length + 1 + id.length > MAX_LINE_WIDTH && current.trim() !== `${label}:`) {
      lines.push(current);
      current = '   ';
    }
    current += ` ${id}`;
  }
  lines.push(current);
  // Ids are escaped like any cell, but never cut: an id cut short would open the wrong chat.
  return lines.map((l) =>
    escapeMrkdwn(defangLinks(l))
      .replace(/`/g, '\u02CB')
      .replace(/@(?=(here|channel|everyone)\b)/gi, '@\u2060'),
  );
}

function fencedSize(lines: string[]): number {
  return FENCE.length * 2 + 2 + lines.join('\n').length;
}

function fence(lines: string[]): string {
  return `${FENCE}\n${lines.join('\n')}\n${FENCE}`;
}
