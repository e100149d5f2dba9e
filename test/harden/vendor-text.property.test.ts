import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { renderBlocks } from '../../src/platforms/slack/render-blocks.js';
import { renderCard } from '../../src/platforms/teams/render-card.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { literal } from '../../src/reply/light-markup.js';
import type { Reply } from '../../src/reply/reply.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { routerOver } from '../support/router-kit.js';

/** What probes put in agent, queue and customer names and messages. */
const ATTACKS = [
  // Found by the properties below: a cut in a table cell or a card text used to end an escaped
  // address or "<" early ("www.…", a "<" without its word joiner).
  '                    `code` www.evil.example',
  '![x](http://evil.example/p.png) <http://evil.example|Pay here> <http://evil.example|Pay here> <@U123>',
  '[Reset your password](http://evil.example/a)',
  '![x](http://evil.example/p.png)',
  '[Pay here][1]\n\n[1]: http://evil.example',
  '<http://evil.example|Pay here>',
  '<https://evil.example>',
  '<@U123>',
  '<!channel>',
  '<!here>',
  '<!subteam^S123>',
  '<#C123|general>',
  '<!date^1700000000^{date}|x>',
  '@channel',
  '@here',
  '@everyone',
  '<at>Boss</at>',
  'http://evil.example/reset',
  'https://evil.example',
  'www.evil.example',
  'evil.example/login',
  'mailto:boss@evil.example',
  'javascript:alert(1)',
  '*bold*',
  '**bold**',
  '_italic_',
  '~strike~',
  '`code`',
  '```\nfence\n```',
  '> quoted',
  '# heading',
  '- item',
  '1. item',
  '{{DATE(2030-01-01T00:00:00Z, LONG)}}',
  '&lt;@U1&gt;',
  '\\*escaped\\*',
];

const hostile = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...ATTACKS), weight: 3 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join(' '));

/** A reply as the commands build one, with vendor text in every place vendor text goes. */
function replyWith(v: string): Reply {
  return {
    title: `Queue — ${v}`,
    summary: `*3* waiting in ${literal(v)}`,
    fields: [
      { label: 'Agent', value: v },
      { label: v, value: '2' },
    ],
    table: {
      columns: ['Queue', 'Waiting'],
      rows: [
        [v, '3'],
        ['Sales', v],
      ],
      footnote: `sorted by ${v}`,
    },
    sections: [{ heading: `14:02 · Customer (${v})`, text: literal(v) }, { text: `Busiest: *${literal(v)}* _(${literal(v)})_` }],
    context: { source: `${v} (wolkvox)`, note: v, staleReason: v, asOf: '2026-11-21T14:02:00.000Z' },
    buttons: [{ label: 'Refresh', action: 'run', value: '/queue' }],
    visibility: 'public',
  };
}

/** Every text of a Slack message that Slack parses as mrkdwn (sections, fields, context, the fallback). */
function slackTexts(reply: Reply): string[] {
  const { text, blocks } = renderBlocks(reply);
  const out = [text];
  for (const block of blocks as Array<Record<string, any>>) {
    if (block.text?.type === 'mrkdwn') out.push(block.text.text);
    for (const f of block.fields ?? []) out.push(f.text);
    for (const e of block.elements ?? []) if (e.type === 'mrkdwn') out.push(e.text);
  }
  return out;
}

/** Every markdown text of an Adaptive Card (TextBlocks, facts). */
function cardTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => cardTexts(v, out));
  else if (value && typeof value === 'object') {
    const el = value as Record<string, unknown>;
    if (el.type === 'TextBlock' && typeof el.text === 'string') out.push(el.text);
    if (typeof el.title === 'string' && typeof el.value === 'string') out.push(el.title, el.value);
    for (const [key, v] of Object.entries(el)) if (key !== 'data') cardTexts(v, out);
  }
  return out;
}

/** Markup a text holds, per platform: counted, so vendor text adding any shows. */
type Rules = { markup: Array<[string, RegExp]>; selfLinking: Array<[string, RegExp]> };
const MARKS: [string, RegExp] = ['bold/italic/strike/code marks', /[*_~`]/g];
/** Anything a client would turn into a link on its own. */
const ADDRESSES: Array<[string, RegExp]> = [
  ['a URL', /\b(https?|ftp):\/\//i],
  ['a www address', /\bwww\./i],
  ['a bare domain', /\b[a-z0-9-]+\.(example|com|net|org|io|co)\b/i],
  ['a scheme link', /\b(mailto|javascript):/i],
];
const SLACK: Rules = {
  // mrkdwn's links, mentions and dates all open with "<"; ">" opens a quote.
  markup: [MARKS, ['an angle bracket (links, mentions, dates)', /<(?!\u2060)/g], ['a quote', /^(>|&gt;)/gm]],
  selfLinking: [...ADDRESSES, ['a broadcast mention', /@(channel|here|everyone)\b/i]],
};
const TEAMS: Rules = {
  markup: [
    MARKS,
    ['an angle bracket (autolinks, at-tags)', /<(?!\u2060)/g],
    ['a markdown link or image', /\](?!\u2060)\s*[([]/g],
    ['a card date function', /\{\{(DATE|TIME)\(/g],
    ['a line-start heading, quote or list', /^\s*(#|>|[-+] |\d+[.)] )/gm],
  ],
  selfLinking: ADDRESSES,
};

function markupCounts(texts: string[], rules: Rules): Record<string, number> {
  // Inside a fenced block (Slack's tables) nothing is formatting.
  const read = texts.map((t) => t.replace(/```[\s\S]*?```/g, '``````'));
  return Object.fromEntries(rules.markup.map(([name, re]) => [name, read.reduce((n, t) => n + (t.match(re)?.length ?? 0), 0)]));
}

function expectOnlyOwnMarkup(render: (reply: Reply) => string[], rules: Rules, v: string): void {
  const hostileTexts = render(replyWith(v));
  // The same reply with harmless vendor text: whatever markup that has is the bot's own.
  // Vendor text may spoil the bot's own marks (a line break inside them), never add any.
  const own = markupCounts(render(replyWith('Ana')), rules);
  for (const [name, count] of Object.entries(markupCounts(hostileTexts, rules)))
    expect(count, `${name}: ${v}\n${hostileTexts.join('\n')}`).toBeLessThanOrEqual(own[name]!);
  for (const text of hostileTexts)
    for (const [name, re] of rules.selfLinking) expect(re.test(text), `${name} in ${JSON.stringify(text)} from ${JSON.stringify(v)}`).toBe(false);
}

const onSlack = (v: string) => expectOnlyOwnMarkup(slackTexts, SLACK, v);
const onTeams = (v: string) => expectOnlyOwnMarkup((r) => cardTexts(renderCard(r)), TEAMS, v);

describe('vendor text is data, never markup', () => {
  it('Slack: hostile names and messages add no link, mention or formatting to a message', () => {
    fc.assert(fc.property(hostile, onSlack), { numRuns: 300 });
  });

  it('Teams: hostile names and messages add no link, mention or formatting to a card', () => {
    fc.assert(fc.property(hostile, onTeams), { numRuns: 300 });
  });

  it.each(ATTACKS)('each probe alone, on both platforms: %s', (attack) => {
    onSlack(attack);
    onTeams(attack);
  });

  it('keeps the words readable: a disguised link reads as its words and a defanged address', () => {
    const texts = cardTexts(renderCard(replyWith('[Reset your password](http://evil.example/a)'))).join('\n');
    expect(texts).toContain('Reset your password');
    expect(texts).toContain('evil\u2024example');
  });
});

describe('through the real commands, from a fake vendor', () => {
  let wolkvox: FakeWolkvox | undefined;
  afterEach(async () => {
    await wolkvox?.close();
    wolkvox = undefined;
  });

  it('an agent named as a link and a customer message full of markup come out inert on Slack and Teams', async () => {
    const chat = {
      conn_id: '8731245',
      channel: 'whatsapp',
      connector_id: '702',
      customer_phone: '573001234567',
      conversation: [
        { from: 'customer', msg: 'hola [Reset your password](http://evil.example/a) <!channel> @here *urgente* www.evil.example', date: '2024-05-14 09:12:31' },
        { from: 'agent', msg: '<http://evil.example|Pague aquí> `ok`', date: '2024-05-14 09:13:31' },
      ],
    };
    wolkvox = await startFakeWolkvox({ data: { chats: [{ agent_id: '1001', active_chats: [chat] }] } });
    const config = parseConfigText(
      `sources:\n  bogota: { vendor: wolkvox, server: '0032', token: ${wolkvox.token}, timeZone: America/Bogota, baseUrl: '${wolkvox.url}' }\n`,
      {},
    ).config;
    const { sources } = buildSources({ config, gate: createMemoryQuotaGate(), logger: silentLogger() });
    const router = routerOver(sources, { config });
    const reply = await router.handle({ text: '/transcript 8731245', asker: { platform: 'console', userId: 'console' }, venue: 'console' });
    const outputs: Array<[string, Rules]> = [
      ...slackTexts(reply).map((t): [string, Rules] => [t, SLACK]),
      ...cardTexts(renderCard(reply)).map((t): [string, Rules] => [t, TEAMS]),
    ];
    expect(outputs.map(([t]) => t).join('\n')).toContain('Reset your password');
    for (const [text, rules] of outputs) {
      for (const [name, re] of rules.selfLinking) expect(re.test(text), `${name} in ${JSON.stringify(text)}`).toBe(false);
      expect(text, 'a link').not.toMatch(/\](?!\u2060)\s*\(/);
      expect(text, 'a link or mention').not.toMatch(/<(?!\u2060)[@!#h]/);
    }
  });
});
