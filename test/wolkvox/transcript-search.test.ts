import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWolkvoxAdapter, type WolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { fakeWolkvoxSource, startFakeWolkvox, type FakeRequest, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

const NOW = new Date('2024-05-14T20:00:00Z');
let fake: FakeWolkvox;
let adapter: WolkvoxAdapter | undefined;

let requests: string[] = [];

function adapterFor(overrides: Record<string, unknown> = {}): WolkvoxAdapter {
  requests = [];
  adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake, overrides), { now: () => NOW, retries: 0, onRequest: (endpoint) => requests.push(endpoint) });
  return adapter;
}

const record = (connId: string, day: string) => ({
  conn_id: connId,
  agent_name: 'Laura Gómez',
  customer_name: 'Carlos Pérez',
  conversation: [
    {
      channel: 'whatsapp',
      from: 'customer',
      from_name: 'Carlos Pérez',
      to_name: 'Laura Gómez',
      date: `${day} 11:00:00`,
      message: 'hola',
      customer_id: '1',
      feeling: 'neutral',
    },
  ],
});

beforeEach(async () => {
  fake = await startFakeWolkvox();
});
afterEach(async () => {
  await adapter?.close();
  adapter = undefined;
  await fake.close();
});

describe('transcript search over finished conversations', () => {
  it('searches one local day at a time backwards and stops at the first day that has the chat', async () => {
    fake.setData('chat_2', ({ dateIni }: FakeRequest) =>
      dateIni === '20240511000000' ? { data: [record('555', '2024-05-11'), record('556', '2024-05-11')] } : undefined,
    );
    const transcript = await adapterFor().transcript('556');
    expect(transcript).toMatchObject({ id: '556', active: false, startedAt: '2024-05-11T16:00:00.000Z' });
    expect(fake.callCount('chats')).toBe(1);
    expect(fake.state.calls.filter((c) => c.api === 'chat_2').map((c) => [c.query.date_ini, c.query.date_end])).toEqual([
      ['20240514000000', '20240514150000'],
      ['20240513000000', '20240513235959'],
      ['20240512000000', '20240512235959'],
      ['20240511000000', '20240511235959'],
    ]);
    // What the quota gate can count: one method call, five vendor requests.
    expect(requests).toEqual(['real_time.php?api=chats', ...Array(4).fill('reports_manager.php?api=chat_2')]);
  });

  it('answers null after searching exactly the configured number of days', async () => {
    expect(await adapterFor({ transcriptLookbackDays: 3 }).transcript('424242')).toBeNull();
    expect(fake.callCount('chat_2')).toBe(3);
  });

  it('never sends more than one request at a time while searching', async () => {
    fake.setDelay(20);
    await adapterFor({ transcriptLookbackDays: 4 }).transcript('424242');
    expect(fake.state.maxConcurrencySeen).toBe(1);
  });
});

describe('a large chat_2 answer', () => {
  let dir: string;
  let file: string;
  const RECORDS = 12_000;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wolkvox-chat2-'));
    file = join(dir, 'chat_2.json');
    const out = createWriteStream(file);
    out.write('{"code":200,"error":null,"msg":"many records were found","data":[');
    for (let i = 0; i < RECORDS; i++) {
      const messages = Array.from({ length: 6 }, (_, k) => ({
        channel: 'whatsapp',
        from: k % 2 ? 'agent' : 'customer',
        from_name: 'Nombre',
        to_name: 'Otro',
        date: '2024-05-14 10:00:00',
        message: `Mensaje ${k} del chat ${i}: ${'texto '.repeat(40)}`,
        customer_id: '1',
        feeling: 'neutral',
      }));
      if (!out.write(`${i ? ',' : ''}${JSON.stringify({ conn_id: `C${i}`, agent_name: 'Laura', customer_name: 'Carlos', conversation: messages })}`))
        await once(out, 'drain');
    }
    out.end(']}');
    await once(out, 'finish');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is searched as a stream while the rest of the process keeps running', async () => {
    fake.setData('chat_2', () => ({ file }));
    let ticks = 0;
    let last = Date.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    try {
      const transcript = await adapterFor().transcript(`C${RECORDS - 3}`);
      expect(transcript?.messages).toHaveLength(6);
      expect(transcript?.messages[5]?.text).toContain(`Mensaje 5 del chat ${RECORDS - 3}`);
    } finally {
      clearInterval(timer);
    }
    // The process kept turning while the answer streamed in; how long a turn waited at worst is a
    // figure of bench/transcript-lookup.ts (loop delay p99), not a bound a loaded machine can keep.
    expect(ticks).toBeGreaterThan(5);
    expect(longestGap).toBeGreaterThan(0);
  });
});
