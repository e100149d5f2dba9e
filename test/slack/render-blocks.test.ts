import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/platforms/slack/index.js';
import type { Reply } from '../../src/reply/reply.js';
import { buttonsOf, expectWithinSlackLimits, visibleText } from './limits.js';

const asOf = '2026-11-21T14:02:00.000Z';
const render = (reply: Reply, options?: Parameters<typeof renderBlocks>[1]) => renderBlocks(reply, options) as unknown as Record<string, unknown>;

describe('renderBlocks', () => {
  it('lays out title, summary, fields, table, context and buttons in that order', () => {
    const message = render({
      title: 'Queue — Bogotá',
      summary: '12 waiting · longest 4m 10s',
      fields: [
        { label: 'Waiting', value: '12' },
        { label: 'Agents online', value: '7' },
      ],
      table: {
        columns: ['Queue', 'Waiting'],
        rows: [
          ['Sales', '8'],
          ['Support', '4'],
        ],
      },
      buttons: [{ label: 'Next page', action: 'run', value: '/agents 2' }],
      context: { source: 'Bogotá (wolkvox)', asOf, staleReason: 'vendor quota spent for today' },
    });
    expectWithinSlackLimits(message);
    const blocks = message.blocks as Array<Record<string, unknown>>;
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions']);
    expect(message.text).toBe('Queue — Bogotá: 12 waiting · longest 4m 10s');
    expect(JSON.stringify(blocks[3])).toContain('```\\nQueue    Waiting');
    const context = JSON.stringify(blocks[4]);
    expect(context).toContain(`as of <!date^${Date.parse(asOf) / 1000}^{time}|14:02 UTC>`);
    expect(context).toContain('vendor quota spent for today');
    expect(buttonsOf(message)).toEqual([{ action_id: 'chatops:run:0', value: '/agents 2', label: 'Next page' }]);
  });

  it('keeps a reply far beyond every Slack limit within them, saying how much was left out', () => {
    const reply: Reply = {
      title: 'T'.repeat(400),
      summary: 'S'.repeat(5000),
      fields: Array.from({ length: 35 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(2500) })),
      table: {
        columns: ['Agent', 'State', 'Chats'],
        rows: Array.from({ length: 2000 }, (_, i) => [`Agent ${i}`, 'available', String(i)]),
        footnote: 'and 37 more agents not listed',
      },
      sections: Array.from({ length: 60 }, (_, i) => ({ heading: `Section ${i}`, text: 'line\n'.repeat(900) })),
      buttons: Array.from({ length: 30 }, (_, i) => ({ label: `Button ${i} ${'x'.repeat(100)}`, action: 'run' as const, value: `/queue ${i}` })),
      context: { source: 'x'.repeat(5000), asOf, note: 'page 1 of 40' },
    };
    const message = render(reply);
    expectWithinSlackLimits(message);
    const text = visibleText(message);
    expect(text).toMatch(/… and \d+ more rows/);
    expect(text).toMatch(/… and \d+ more characters/);
    expect(text).toMatch(/… and [^"]*\d+ more sections/);
    expect(buttonsOf(message)).toHaveLength(25);
  });

  it("shows the data time on the operation's clock when the source's zone is known", () => {
    const message = render({ title: 'Queue', context: { source: 'Bogotá (wolkvox)', asOf: '2026-11-21T19:02:00Z', timeZone: 'America/Bogota' } });
    expect(visibleText(message)).toContain('as of 14:02');
  });

  it('splits more than ten fields over several sections', () => {
    const message = render({ title: 'Today', fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: String(i) })) });
    const sections = (message.blocks as Array<{ type: string; fields?: unknown[] }>).filter((b) => b.fields);
    expect(sections.map((s) => s.fields?.length)).toEqual([10, 10, 3]);
  });

  it('says how many table rows it could not show', () => {
    const rows = Array.from({ length: 800 }, (_, i) => [`Agent number ${i}`, 'on a chat with a customer', `${i}m`]);
    const message = render({ title: 'Agents', table: { columns: ['Agent', 'State', 'Time'], rows } });
    expectWithinSlackLimits(message);
    const shown = (visibleText(message).match(/Agent number \d+/g) ?? []).length;
    expect(visibleText(message)).toContain(`… and ${800 - shown} more rows`);
  });

  it('escapes vendor text so it cannot ping anyone or break the layout', () => {
    const message = render({ title: 'Chat <!channel>', summary: 'Customer wrote <!here> & <@U999>', sections: [{ heading: 'A & B', text: '<script>' }] });
    const text = visibleText(message) + String(message.text);
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<@U999>');
    expect(text).toContain('&lt;!here&gt; &amp; &lt;@U999&gt;');
    expect(text).toContain('&lt;script&gt;');
  });

  it('turns mentions into Slack markup in both the blocks and the notification text', () => {
    expect(String(render({ title: 'x' }, { mention: '@here' }).text)).toMatch(/^<!here> /);
    expect(String(render({ title: 'x' }, { mention: '@channel' }).text)).toMatch(/^<!channel> /);
    const group = render({ title: 'Queue too long' }, { mention: 'S0123ABC' });
    expect(group.text).toBe('<!subteam^S0123ABC> Queue too long');
    expect(visibleText(group)).toContain('<!subteam^S0123ABC>');
    expect(String(render({ title: 'x' }, { mention: 'U0LEAD' }).text)).toMatch(/^<@U0LEAD> /);
  });

  it('never shows a Share button on a private reply', () => {
    const message = render({
      title: 'Transcript',
      visibility: 'private',
      buttons: [
        { label: 'Share in channel', action: 'share', value: '/transcript 1' },
        { label: 'Refresh', action: 'run', value: '/transcript 1' },
      ],
    });
    expect(buttonsOf(message).map((b) => b.label)).toEqual(['Refresh']);
  });

  it('drops a button whose value Slack would refuse rather than send a broken message', () => {
    const message = render({
      title: 'x',
      buttons: [
        { label: 'Too big', action: 'run', value: 'x'.repeat(2001) },
        { label: 'Fine', action: 'run', value: '/queue' },
      ],
    });
    expect(buttonsOf(message).map((b) => b.label)).toEqual(['Fine']);
  });

  it('always sets the notification text, even for an empty title', () => {
    const message = render({ title: '' });
    expect(String(message.text).length).toBeGreaterThan(0);
  });
});
