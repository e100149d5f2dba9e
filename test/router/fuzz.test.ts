import { describe, expect, it } from 'vitest';
import { isValidUserId } from '../../adapters/port.js';
import { renderText } from '../../src/reply/render-text.js';
import type { Asker } from '../../src/domain/asker.js';
import { AGENT_LEAD, CONSOLE, SUPERVISOR, countingAdapter, sourceFor, type FakeData, routerOver } from '../support/router-kit.js';

/** Small seeded generator so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const NAMES = ['queue', 'agents', 'transcript', 'today', 'handoffs', 'alerts', 'help', 'QUEUE', '/Transcript', 'ＱＵＥＵＥ', 'quuee', '', '/', '//queue'];
const NASTY = [
  '123&api=agents',
  '$(rm -rf /)',
  '`reboot`',
  '<script>alert(1)</script>',
  '\u0000',
  '../../etc/passwd',
  '%00',
  "' OR 1=1 --",
  '"',
  "'",
  '“',
  '‘',
  '«',
  '„unbalanced',
  'page:',
  'page:0',
  '--page',
  '--page=x',
  'source:',
  'source:nowhere',
  'bogota',
  'EMEA',
  'ack',
  'silence',
  'queue-long',
  '30m',
  '0s',
  '999d',
  'busy',
  'yesterday',
  '7d',
  '+57 300 123 4412',
  '\u202e',
  '\ud800',
  '😀'.repeat(30),
  '\u200b',
  '\r\n',
  'a'.repeat(64),
  'a'.repeat(65),
  '-',
  '_',
  '\\',
  '${process.env}',
  '{{7*7}}',
  'NaN',
  '-1',
  '1e309',
];

function randomUnicode(rng: ReturnType<typeof random>, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const kind = rng.int(6);
    if (kind === 0) out += String.fromCharCode(rng.int(0x80));
    else if (kind === 1) out += String.fromCharCode(0x80 + rng.int(0x780));
    else if (kind === 2)
      out += String.fromCharCode(0xd800 + rng.int(0x800)); // lone surrogates
    else if (kind === 3) out += String.fromCodePoint(0x1f300 + rng.int(0x300));
    else if (kind === 4) out += ' ';
    else out += String.fromCharCode(rng.int(0xffff));
  }
  return out;
}

function commandText(rng: ReturnType<typeof random>): string {
  const roll = rng.next();
  if (roll < 0.01) return `/${rng.pick(NAMES)} ${rng.pick(NASTY)}${'x'.repeat(1 + rng.int(100_000))}`;
  if (roll < 0.02) return randomUnicode(rng, 1 + rng.int(5_000));
  const parts = [rng.next() < 0.9 ? rng.pick(NAMES) : randomUnicode(rng, 1 + rng.int(10))];
  const args = rng.int(5);
  for (let i = 0; i < args; i++) parts.push(rng.next() < 0.6 ? rng.pick(NASTY) : randomUnicode(rng, rng.int(20)));
  const separator = rng.pick([' ', '  ', '\t', '\u00a0', '\u3000']);
  return (rng.next() < 0.2 ? '  ' : '') + parts.join(separator);
}

describe('fuzzing the router', () => {
  it('answers 10,000 hostile or random command texts with a reply, never throwing, never sending a bad id to a vendor', async () => {
    const data: FakeData = {
      queue: { queues: [{ name: 'Ventas', waiting: 1 }], totals: { waiting: 1 } },
      agents: [{ id: '1', name: 'Laura', state: 'busy', stateLabel: 'Busy' }],
      transcript: { id: 'x', active: true, messages: [{ role: 'customer', text: 'call +57 300 123 4412', attachments: [] }] },
      today: { date: '2026-11-21', chats: 3 },
      handoffs: { range: { from: '', to: '', label: 'today' }, botConversations: 2, handedToAgent: 1, rate: 0.5, topRoutingPoints: [] },
    };
    const bogota = countingAdapter('bogota', data);
    const emea = countingAdapter('emea', data);
    const router = routerOver([sourceFor(bogota, 'Bogotá'), sourceFor(emea, 'EMEA')]);
    const rng = random(20261121);
    const askers: Asker[] = [SUPERVISOR, AGENT_LEAD, CONSOLE];

    for (let i = 0; i < 10_000; i++) {
      const text = commandText(rng);
      const reply = await router.handle({ text, asker: rng.pick(askers), venue: rng.pick(['direct', 'channel', 'console'] as const) });
      expect(typeof reply.title, `reply to ${JSON.stringify(text.slice(0, 200))}`).toBe('string');
      expect(reply.title.length).toBeGreaterThan(0);
      const rendered = renderText(reply);
      expect(rendered.length).toBeLessThan(20_000);
      expect(rendered).not.toContain('300 123 4412');
    }

    const ids = [...bogota.calls, ...emea.calls].filter((c) => c.method === 'transcript').map((c) => c.args[0] as string);
    expect(ids.every(isValidUserId)).toBe(true);
  });
});
