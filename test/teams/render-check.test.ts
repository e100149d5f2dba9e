import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartPng } from '../../src/charts/render-chart.js';
import { renderCard } from '../../src/platforms/teams/render-card.js';
import type { Reply } from '../../src/reply/reply.js';
import { openCardBrowser, type RenderedCard } from './render-check/card-browser.js';
import { replyKinds } from '../support/reply-kinds.js';
import type { TeamsTheme } from './render-check/teams-host-config.js';

/** Teams panes: a phone, a narrow desktop pane (a chat beside a meeting), a wide one. */
const WIDTHS = [360, 500, 800] as const;

let browser: Awaited<ReturnType<typeof openCardBrowser>>;
let kinds: Awaited<ReturnType<typeof replyKinds>>;
const NOW = () => Date.parse('2026-11-17T16:30:00Z');

beforeAll(async () => {
  [browser, kinds] = await Promise.all([openCardBrowser(), replyKinds()]);
});
afterAll(async () => {
  await browser?.close();
  await kinds?.close();
});

/** The card as Teams gets it: its chart drawn by the bot for the theme and linked (here served to the page). */
async function shown(name: string, reply: Reply, width: number, theme: TeamsTheme = 'light'): Promise<RenderedCard> {
  const picture = async (chart: NonNullable<Reply['chart']>) => browser.image(`${name}-${theme}.png`, await renderChartPng(chart, { theme }));
  const withChart = reply.chart ? { ...reply, chart: { ...reply.chart, image: { url: await picture(reply.chart) } } } : reply;
  return browser.render(renderCard(withChart, { now: NOW }), { width, name, theme });
}

const kind = (name: string) => kinds.kinds.find((k) => k.name === name)!.reply;
const seen = (card: RenderedCard) => card.texts.map((t) => t.replace(/[\u2060\u00a0]/g, (c) => (c === '\u00a0' ? ' ' : '')));

describe('every card read in Microsoft’s renderer at Teams widths', () => {
  it('breaks no header, name or id mid-word, cuts no text, shows no vendor text as markup and keeps every text readable', async () => {
    const found: string[] = [];
    for (const { name, reply } of kinds.kinds) {
      for (const width of WIDTHS) {
        const card = await shown(name, reply, width);
        for (const problem of card.problems) found.push(`${name} at ${width}px: ${problem}`);
      }
    }
    expect(found).toEqual([]);
    expect(kinds.kinds.length).toBeGreaterThanOrEqual(20);
  });

  it('reads as well in Teams’ dark theme', async () => {
    const found: string[] = [];
    for (const name of ['queue', 'agents', 'alert-firing', 'warning', 'alerts-ack', 'summary']) {
      for (const problem of (await shown(name, kind(name), 500, 'dark')).problems) found.push(`${name}: ${problem}`);
    }
    expect(found).toEqual([]);
  });

  it('/queue at 500 px: every queue name, header and figure whole, the trend left to the chart', async () => {
    const card = await shown('queue', kind('queue'), 500);
    const texts = seen(card);
    for (const header of ['Queue', 'Waiting', 'Longest']) expect(texts).toContain(header);
    for (const queue of ['Ventas', 'Cobranza', 'Soporte', 'WhatsApp VIP']) expect(texts).toContain(queue);
    expect(texts.join('\n')).toMatch(/Abandoned 30m \d+/);
    expect(texts.join('\n')).not.toMatch(/[\u2581-\u2588]/);
  });

  it('/agents at 360 px: every chat id in progress appears whole, to copy into /transcript', async () => {
    const reply = kind('agents');
    const idColumn = reply.table!.columns.length - 1;
    const ids = reply.table!.rows.flatMap((row) => (row[idColumn] ?? '').split(' ').filter(Boolean));
    expect(ids.length).toBeGreaterThan(5);
    const words = seen(await shown('agents', reply, 360)).flatMap((t) => t.split(/\s+/));
    for (const id of ids) expect(words).toContain(id);
  });

  it('shows vendor text starting with >, #, - or 1. as typed, not as a quote, heading or list', async () => {
    const card = await shown('hostile', kind('hostile'), 500);
    expect(card.problems).toEqual([]);
    const texts = seen(card);
    for (const cell of ['> 8 on demo', '# Heading', '- dash', '1. numbered']) expect(texts).toContain(cell);
    expect(texts).toContain('> quoted');
  });

  it('shows each of the summary’s figures on a line of its own', async () => {
    const card = await shown('summary', kind('summary'), 500);
    const section = seen(card).find((t) => t.startsWith('Chats:'))!;
    const lines = section.split(/\n+/);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.every((line) => /^[A-Z][\w ,()-]+: \d/.test(line))).toBe(true);
  });
});

describe('the render check itself', () => {
  it('sees a word broken in eight equal columns, yellow title text, and a quote made of vendor text', async () => {
    const columns = ['Queue', 'Waiting', 'Longest', 'Average', 'Abandoned 30m', 'Available', 'In progress', 'Last hour'];
    const cell = (text: string, extra = {}) => ({ type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text, wrap: true, ...extra }] });
    const card = {
      type: 'AdaptiveCard',
      version: '1.0',
      body: [
        { type: 'TextBlock', text: 'Queue — Demo', color: 'Warning', weight: 'Bolder' },
        { type: 'ColumnSet', columns: columns.map((c) => cell(c, { weight: 'Bolder' })) },
        { type: 'TextBlock', text: '> 8 on demo', wrap: true },
      ],
    };
    const problems = (await browser.render(card, { width: 500, name: 'self-check-old-layout' })).problems.join('\n');
    expect(problems).toMatch(/word "Abandoned" broken across/);
    expect(problems).toMatch(/contrast 1\.5:1 for "Queue — Demo"/);
    expect(problems).toMatch(/<blockquote> from text/);
  });
});
