import { describe, expect, it } from 'vitest';
import {
  clip,
  formatAge,
  formatCount,
  formatDuration,
  formatLocalDate,
  formatLocalDateTime,
  formatLocalTime,
  formatPercent,
  snippet,
} from '../../src/reply/format.js';
import { pageOf, truncateRows } from '../../src/reply/paging.js';

describe('formatting figures for supervisors', () => {
  it('writes durations the way a supervisor reads them', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(250)).toBe('4m 10s');
    expect(formatDuration(120)).toBe('2m');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(2 * 86_400 + 3 * 3600)).toBe('2d 03h');
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('writes shares as percentages, with a decimal only below 10%', () => {
    expect(formatPercent(0.923)).toBe('92%');
    expect(formatPercent(0.045)).toBe('4.5%');
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('writes counts with thousands separators', () => {
    expect(formatCount(12_345)).toBe('12,345');
  });

  it("writes clock times in the operation's zone", () => {
    expect(formatLocalTime('2026-11-21T19:02:00Z', 'America/Bogota')).toBe('14:02');
    expect(formatLocalTime('2026-07-01T12:00:00Z', 'Europe/Budapest')).toBe('14:00');
    expect(formatLocalDateTime('2026-11-21T19:02:00Z', 'America/Bogota')).toBe('21 Nov 14:02');
    expect(formatLocalDate('2026-11-21')).toBe('Sat 21 Nov');
    expect(formatLocalTime('not a time', 'UTC')).toBe('—');
  });

  it('writes how old something is', () => {
    const now = new Date('2026-11-21T14:02:10Z');
    expect(formatAge('2026-11-21T14:02:00Z', now)).toBe('just now');
    expect(formatAge('2026-11-21T14:00:00Z', now)).toBe('2 min ago');
    expect(formatAge('2026-11-21T12:57:00Z', now)).toBe('1 h 05 min ago');
    expect(formatAge('2026-11-18T14:00:00Z', now)).toBe('3 days ago');
  });

  it('cuts long texts without splitting an emoji', () => {
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…');
    expect(clip('short', 10)).toBe('short');
  });

  it('keeps a foreign text as one line of at most 200 characters', () => {
    expect(snippet('<html>\n  <body>Bad   gateway ')).toBe('<html> <body>Bad gateway');
    const cut = snippet('x'.repeat(500));
    expect(Array.from(cut)).toHaveLength(200);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('keeping lists bounded', () => {
  const items = Array.from({ length: 52 }, (_, i) => i + 1);

  it('shows 15 rows per page and says how many more follow', () => {
    expect(pageOf(items, 1)).toMatchObject({ page: 1, pageCount: 4, remaining: 37, footnote: 'and 37 more', nextPage: 2 });
    expect(pageOf(items, 4)).toMatchObject({ items: [46, 47, 48, 49, 50, 51, 52], footnote: undefined, nextPage: undefined });
  });

  it('shows the last page when asked for a page past the end', () => {
    expect(pageOf(items, 99).page).toBe(4);
  });

  it('cuts a top list with a footnote', () => {
    expect(truncateRows(items, 10)).toMatchObject({ rows: items.slice(0, 10), footnote: 'and 42 more' });
  });
});
