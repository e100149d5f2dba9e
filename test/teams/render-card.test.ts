import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/reply/reply.js';
import { renderCard } from '../../src/platforms/teams/render-card.js';
import { cardData } from '../../src/platforms/teams/card-text.js';
import { parseCommandText } from '../../src/router/parse.js';
import { cardTexts, readTexts, TEAMS_LIMIT_BYTES, validateTeamsCard } from './card-validator.js';

const queueReply: Reply = {
  title: 'Queue — Bogotá',
  summary: '12 waiting · *longest 4m 10s*',
  fields: [
    { label: 'Waiting', value: '12' },
    { label: 'Agents online', value: '7' },
  ],
  table: {
    columns: ['Queue', 'Waiting', 'Longest'],
    rows: [
      ['Sales', '8', '4m 10s'],
      ['Support', '4', ''],
    ],
  },
  sections: [{ heading: 'Note', text: 'Sales is *busy*\nSupport is fine' }],
  buttons: [
    { label: 'Refresh', action: 'run', value: '/queue bogota', style: 'primary' },
    { label: 'Share', action: 'share', value: '/queue bogota' },
    { label: 'Silence 1h', action: 'silence', value: 'queue-long:1h', style: 'danger' },
  ],
  context: { source: 'Bogotá (wolkvox)', asOf: '2026-11-21T14:02:00.000Z', note: 'page 1 of 2' },
  tone: 'warning',
};
const at = (iso: string) => () => Date.parse(iso);

describe('Adaptive Card rendering', () => {
  it('renders every part of a reply as an Adaptive Card of the lowest version it needs, that Teams accepts', () => {
    const card = renderCard(queueReply, { now: at('2026-11-21T14:03:00Z') });
    expect(validateTeamsCard(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Queue — Bogotá');
    expect(texts).toContain('12 waiting · **longest 4m 10s**');
    expect(texts).toContain('Waiting: 12');
    expect(texts).toEqual(expect.arrayContaining(['Queue', 'Waiting', 'Longest', 'Sales', '8', '4m 10s', '—']));
    // Each line its own paragraph: Teams would run lines split by one break into one.
    expect(texts).toContain('Sales is **busy**\n\nSupport is fine');
    expect(texts.at(-1)).toBe('Bogotá (wolkvox) · as of {{TIME(2026-11-21T14:02:00Z)}} · page 1 of 2');
    // The tone is a tinted band behind the title, never yellow text on white (1.5:1).
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'warning', items: [{ type: 'TextBlock', weight: 'Bolder' }] });
    expect(JSON.stringify(card)).not.toMatch(/"color":"(Warning|Good)"/);
    expect(card.version).toBe('1.2');
  });

  it('declares version 1.0 when nothing newer is used, 1.3 for a form', () => {
    expect(renderCard({ title: 'Queue', summary: '3 waiting' }).version).toBe('1.0');
    const form = renderCard({
      title: 'Edit',
      form: { title: 'Edit', submit: '/alerts apply r', submitLabel: 'Save', fields: [{ name: 'above', label: 'Above' }] },
    });
    expect(form.version).toBe('1.3');
    expect(validateTeamsCard(form)).toEqual([]);
  });

  it('keeps an id whole with an invisible word joiner that a command pasted back from the card does without', () => {
    const id = 'DEMO-26111706279';
    const shown = cardData(id);
    expect(shown).not.toBe(id);
    expect(shown.replace(/\u2060/g, '')).toBe(id);
    expect(parseCommandText(`/transcript ${shown}`)).toMatchObject({ ok: true, command: { name: 'transcript', args: [id] } });
  });

  it('puts each id on a line under its row, whole, and leaves the sparkline to the chart', () => {
    const card = renderCard({
      title: 'Agents',
      table: {
        columns: ['Agent', 'Status', 'Last hour', 'Chats in progress'],
        rows: [['Ana', 'Busy', '▁▂▃▅█', 'DEMO-26111706279 DEMO-26111706324']],
        kinds: [undefined, undefined, 'trend', 'id'],
      },
    });
    expect(validateTeamsCard(card)).toEqual([]);
    const texts = readTexts(card);
    expect(texts).toContain('Chats in progress: DEMO-26111706279 DEMO-26111706324');
    expect(texts.join(' ')).not.toContain('▁');
    expect(texts).not.toContain('Last hour');
  });

  it('turns buttons into Action.Submit with the chatops payload and leaves Share out', () => {
    const card = renderCard(queueReply);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Refresh', data: { chatops: { action: 'run', value: '/queue bogota' } }, style: 'positive' },
      { type: 'Action.Submit', title: 'Silence 1h', data: { chatops: { action: 'silence', value: 'queue-long:1h' } }, style: 'destructive' },
    ]);
  });

  it('shows the date as well as the time when the data is not from today', () => {
    const card = renderCard({ title: 'Today', context: { asOf: '2026-11-19T08:00:00Z' } }, { now: at('2026-11-21T14:00:00Z') });
    expect(cardTexts(card).at(-1)).toBe('as of {{DATE(2026-11-19T08:00:00Z, SHORT)}} {{TIME(2026-11-19T08:00:00Z)}}');
  });

  it("writes the time on the source's clock when the reply names its zone, as the chart and the body do (one clock per message)", () => {
    const zoned = (asOf: string) =>
      cardTexts(renderCard({ title: 'Queue', context: { asOf, timeZone: 'America/Bogota' } }, { now: at('2026-11-21T14:10:00Z') })).at(-1);
    expect(zoned('2026-11-21T14:02:00Z')).toBe('as of 09:02');
    expect(zoned('2026-11-19T14:02:00Z')).toMatch(/^as of 19 Nov 09:02$/);
  });

  it('warns on the card when the data is stale', () => {
    const card = renderCard({ title: 'Queue', context: { staleReason: 'vendor quota spent for today' } });
    expect(cardTexts(card)).toContain('Data may be out of date: vendor quota spent for today');
  });

  it('cuts a huge table with "… and N more" and stays under the Teams message limit', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`Agent ${i} — Ñandú Pérez`, 'available', `${i}m`]);
    const card = renderCard({ title: 'Agents', table: { columns: ['Agent', 'Status', 'Since'], rows, footnote: 'sorted by name' } });
    expect(validateTeamsCard(card)).toEqual([]);
    const size = Buffer.byteLength(JSON.stringify(card));
    expect(size).toBeLessThan(TEAMS_LIMIT_BYTES);
    const table = card.body.find((el) => el.type === 'Container');
    const shownRows = (table as { items: unknown[] }).items.length - 1;
    expect(shownRows).toBeGreaterThan(20);
    expect(cardTexts(card)).toContain(`… and ${5000 - shownRows} more · sorted by name`);
  });

  it('cuts many long sections, fields and multi-byte text and still stays under the limit', () => {
    const long = '漢字'.repeat(1500);
    const reply: Reply = {
      title: long,
      summary: long,
      fields: Array.from({ length: 200 }, (_, i) => ({ label: `Field ${i}`, value: long })),
      sections: Array.from({ length: 50 }, (_, i) => ({ heading: `Message ${i}`, text: long })),
      table: { columns: ['A'], rows: [['x']] },
      buttons: Array.from({ length: 10 }, (_, i) => ({ label: `Page ${i}`, action: 'run' as const, value: `/agents page ${i}` })),
    };
    const card = renderCard(reply);
    expect(validateTeamsCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_LIMIT_BYTES);
    expect(card.actions).toHaveLength(6);
    const texts = cardTexts(card);
    expect(texts.some((t) => /^… and \d+ more fields$/.test(t))).toBe(true);
    expect(texts.some((t) => /^… and \d+ more sections$/.test(t) || t === '… and 1 more')).toBe(true);
  });

  it('leaves buttons off when asked (webhook cards cannot reach the bot)', () => {
    expect(renderCard(queueReply, { actions: false }).actions).toBeUndefined();
  });

  it('shows the columns a phone’s pane has no room for under each row, leaving none out', () => {
    const columns = ['Queue', 'Waiting', 'Longest', 'Average', 'Abandoned 30m', 'Available', 'In progress'];
    const card = renderCard({ title: 'Queue', table: { columns, rows: [['Ventas', '8', '5m 19s', '2m 21s', '12', '0', '4']] } });
    expect(validateTeamsCard(card)).toEqual([]);
    const [header, row] = (card.body.find((el) => el.type === 'Container') as { items: any[] }).items;
    const grid = header.columns.map((c: any) => c.items[0].text);
    expect(grid.length).toBeLessThan(columns.length);
    expect(grid[0]).toBe('Queue');
    // Rows keep the header's widths, so columns line up at any pane width.
    expect(row.items[0].columns.map((c: any) => c.width)).toEqual(header.columns.map((c: any) => c.width));
    const under = readTexts(row)
      .at(-1)!
      .replace(/\u00a0/g, ' ');
    for (const hidden of columns.slice(grid.length)) expect(under).toContain(hidden);
    expect(under).toContain('Abandoned 30m 12');
  });
});
