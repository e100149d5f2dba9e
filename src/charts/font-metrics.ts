import { readFileSync } from 'node:fs';

/** Advance widths of one TrueType font, read from its own tables (cmap format 4, hmtx). */
export interface FontMetrics {
  /** Width of `text` in pixels at `size` px. */
  width(text: string, size: number): number;
}

/**
 * The widths the chart's font really has, for ECharts to lay out labels and legends by: its
 * built-in guess is Helvetica's, narrower than DejaVu Sans, so text drawn by resvg ran past the
 * room measured for it (a legend's words into the next icon).
 *
 * @example
 *   fontMetrics('/path/DejaVuSans.ttf').width('Waiting', 12); // 45.6…
 */
export function fontMetrics(file: string): FontMetrics {
  const font = readFileSync(file);
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) tables.set(font.toString('latin1', 12 + i * 16, 16 + i * 16), font.readUInt32BE(20 + i * 16));
  const head = tables.get('head')!;
  const hhea = tables.get('hhea')!;
  const hmtx = tables.get('hmtx')!;
  const unitsPerEm = font.readUInt16BE(head + 18);
  const metricsCount = font.readUInt16BE(hhea + 34);
  const cmap = unicodeCmap(font, tables.get('cmap')!);
  const advance = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, metricsCount - 1));
  const cache = new Map<number, number>();
  const em = (code: number) => {
    let width = cache.get(code);
    if (width === undefined) {
      width = advance(glyphOf(font, cmap, code)) / unitsPerEm;
      cache.set(code, width);
    }
    return width;
  };
  return {
    width(text, size) {
      let total = 0;
      for (const c of text) total += em(c.codePointAt(0)!);
      return total * size;
    },
  };
}

/** The offset of the cmap subtable for Unicode BMP (format 4). */
function unicodeCmap(font: Buffer, cmap: number): number {
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = font.readUInt16BE(cmap + 4 + i * 8);
    const encoding = font.readUInt16BE(cmap + 6 + i * 8);
    const offset = cmap + font.readUInt32BE(cmap + 8 + i * 8);
    if (font.readUInt16BE(offset) === 4 && (platform === 0 || (platform === 3 && encoding === 1))) return offset;
  }
  throw new Error('the chart font has no Unicode (format 4) character map');
}

function glyphOf(font: Buffer, table: number, code: number): number {
  if (code > 0xffff) return 0;
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let i = 0; i < segments; i++) {
    if (font.readUInt16BE(ends + i * 2) < code) continue;
    const start = font.readUInt16BE(starts + i * 2);
    if (start > code) return 0;
    const delta = font.readUInt16BE(deltas + i * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + i * 2);
    if (rangeOffset === 0) return (code + delta) & 0xffff;
    const glyph = font.readUInt16BE(rangeOffsets + i * 2 + rangeOffset + 2 * (code - start));
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  }
  return 0;
}
