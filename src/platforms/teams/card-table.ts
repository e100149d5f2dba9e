import type { ReplyTable } from '../../reply/reply.js';
import type { CardElement, Column, ColumnSet, Container, TextBlock } from './card-types.js';
import { clip } from '../../reply/format.js';
import { cardData } from './card-text.js';

/**
 * Width the table's columns must fit in: a phone's Teams pane (360 px) less the card's padding.
 * A card cannot know the pane it lands in, so the grid is planned for the narrowest; columns
 * that would not fit there are shown under each row instead of squeezing every word.
 */
export const NARROW_CONTENT_PX = 320;
/** Space Teams puts between two columns. */
const COLUMN_GAP_PX = 12;
/** A column wider than this gains nothing more from its longest cell. */
const MAX_WEIGHT_PX = 180;
const CELL_CAP = 200;
const TEXT_PX = 14;

/** How a table is laid out on a card: which columns form the grid, which go under each row. */
export interface CardTableLayout {
  /** Columns of the grid (by position in the table) and their relative widths. */
  grid: Array<{ index: number; weight: number }>;
  /** Columns shown as "Label value" under each row, in order. */
  details: number[];
  /** Id columns: each on a line of its own under the row, so no id is ever broken. */
  ids: number[];
}

/**
 * Plans a table for a card: sparkline columns are left out (the card's chart carries the
 * trend); ids get lines of their own; the other columns join the grid in order while every
 * column, at its share of a narrow pane, stays as wide as its longest word (header or cell),
 * and the rest go under each row. Widths are weights by content, the same in every row, so
 * the rows stay aligned at any pane width.
 *
 * @example
 *   planCardTable({ columns: ['Queue', 'Waiting'], rows: [['Ventas', '8']] }).grid; // [{ index: 0, weight: … }, { index: 1, weight: … }]
 */
export function planCardTable(table: ReplyTable, budgetPx = NARROW_CONTENT_PX): CardTableLayout {
  const layout: CardTableLayout = { grid: [], details: [], ids: [] };
  const sized: Array<{ index: number; min: number; natural: number }> = [];
  let full = false;
  table.columns.forEach((header, index) => {
    const kind = table.kinds?.[index];
    const cells = table.rows.map((row) => row[index] ?? '');
    if (kind === 'trend' || (cells.length > 0 && cells.every((c) => /^[\u2581-\u2588 ]*$/.test(c)) && cells.some((c) => c.trim()))) return;
    if (kind === 'id') {
      layout.ids.push(index);
      return;
    }
    const min = Math.max(wordsWidth(header, true), ...cells.map((c) => wordsWidth(c, false)));
    const natural = Math.max(textWidth(header, true), ...cells.map((c) => textWidth(c, false)));
    const candidate = [...sized, { index, min, natural: Math.min(Math.max(min, natural), Math.max(min, MAX_WEIGHT_PX)) }];
    if (!full && (sized.length === 0 || fits(candidate, budgetPx))) sized.push(candidate.at(-1)!);
    else {
      full = true;
      layout.details.push(index);
    }
  });
  layout.grid = sized.map((c) => ({ index: c.index, weight: Math.max(1, Math.round(c.natural)) }));
  return layout;
}

/** Whether each column, at its weight's share of the budget, is at least its longest word. */
function fits(columns: Array<{ min: number; natural: number }>, budgetPx: number): boolean {
  const room = budgetPx - COLUMN_GAP_PX * (columns.length - 1);
  const total = columns.reduce((sum, c) => sum + c.natural, 0);
  return columns.every((c) => (c.natural / total) * room >= c.min);
}

/** The header row of the grid. */
export function cardTableHeader(table: ReplyTable, layout: CardTableLayout): ColumnSet {
  return gridRow(table.columns, layout, true);
}

/**
 * One row: the grid's cells, then the columns that did not fit as "Label value · …" and each id
 * column as "Label: id id" on a line of its own.
 */
export function cardTableRow(table: ReplyTable, cells: string[], layout: CardTableLayout): Container {
  const items: CardElement[] = [gridRow(cells, layout, false)];
  const details = layout.details
    .map((i) => ({ label: table.columns[i] ?? '', value: (cells[i] ?? '').trim() }))
    .filter((d) => d.value !== '')
    // A label and its value stay together on a line (no-break spaces); the pairs wrap between them.
    .map((d) => `${cardData(d.label)} ${cardData(d.value)}`.replace(/ /g, '\u00a0'));
  if (details.length) items.push({ ...text(details.join(' · ')), isSubtle: true, size: 'Small', spacing: 'None' });
  for (const i of layout.ids) {
    const ids = (cells[i] ?? '').trim();
    if (ids) items.push({ ...text(`${cardData(table.columns[i] ?? '')}: ${cardData(ids)}`), spacing: 'None' });
  }
  return { type: 'Container', separator: true, spacing: 'Small', items };
}

function gridRow(cells: string[], layout: CardTableLayout, header: boolean): ColumnSet {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: layout.grid.map(
      ({ index, weight }): Column => ({
        type: 'Column',
        width: weight,
        items: [{ ...text(cardData(cells[index] ?? '')), ...(header ? { weight: 'Bolder' as const } : {}) }],
      }),
    ),
  };
}

function text(markdown: string): TextBlock {
  return { type: 'TextBlock', text: clip(markdown, CELL_CAP) || '—', wrap: true };
}

/*
 * Widths in pixels at Teams' 14 px text, by character class, measured on DejaVu Sans (wider
 * than Segoe UI, so an estimate that fits it fits Teams); bold is a tenth wider.
 */
function charWidth(c: string): number {
  if (c === ' ') return 0.32;
  if (/[iljI.,:;'!|ft()[\]\u2060]/.test(c)) return 0.4;
  if (/[mwMW@%]/.test(c)) return 0.98;
  if (/[0-9]/.test(c)) return 0.64;
  if (/[A-Z]/.test(c)) return 0.76;
  if (/[\u2581-\u2588]/.test(c)) return 0.6;
  if (/[\p{L}\p{N}]/u.test(c) && c.charCodeAt(0) < 0x2e80) return 0.64;
  return 1;
}

export function textWidth(text: string, bold: boolean): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  return em * TEXT_PX * (bold ? 1.1 : 1);
}

/** The widest word: what a column must hold for no word to break. */
function wordsWidth(text: string, bold: boolean): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, bold)));
}
