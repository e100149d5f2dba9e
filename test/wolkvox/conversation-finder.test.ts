import { describe, expect, it } from 'vitest';
import { KeyValueFinder } from '../../adapters/wolkvox/json-scan.js';
import { ConversationFinder } from '../../adapters/wolkvox/conversation-finder.js';

/** Feeds `body` in chunks of `size` bytes; answers the record found, if any. */
function find(body: string, connId: string, size: number): unknown {
  const bytes = Buffer.from(body);
  const finder = new ConversationFinder(connId);
  for (let at = 0; at < bytes.length; at += size) {
    const found = finder.push(bytes.subarray(at, at + size), at);
    if (found !== undefined) return found;
  }
  return undefined;
}

const tricky = [
  {
    conn_id: 'A1',
    agent_name: 'Ana',
    customer_name: 'Beto',
    conversation: [{ from: 'customer', message: 'my id is "conn_id":"B2", see {braces} and [brackets]', date: '2024-05-14 08:00:00' }],
  },
  {
    conn_id: 'B2',
    agent_name: 'Ana \\ "la jefa"',
    customer_name: 'Ceci',
    conversation: [{ from: 'agent', message: 'ñandú 🦤 \\"conn_id\\": fin', date: '2024-05-14 09:00:00' }],
  },
  { agent_name: 'Key order differs', conn_id: 'C3', conversation: [] },
];
const compact = JSON.stringify({ code: 200, error: null, msg: '3 records were found', data: tricky });
const pretty = JSON.stringify({ code: 200, error: null, msg: '3 records were found', data: tricky }, null, 4);

describe('finding one conversation in a streamed chat_2 body', () => {
  it.each([1, 2, 3, 7, 16, 61, 4096])('cuts out exactly the matching record whatever the chunk size (%i bytes)', (size) => {
    expect(find(compact, 'B2', size)).toEqual(tricky[1]);
    expect(find(pretty, 'B2', size)).toEqual(tricky[1]);
    expect(find(compact, 'A1', size)).toEqual(tricky[0]);
    expect(find(pretty, 'C3', size)).toEqual(tricky[2]);
  });

  it('finds every record when chunks hold several records or split them anywhere', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ conn_id: `K${i}`, agent_name: 'Ana', conversation: [{ message: `m${i} ${'x'.repeat(i * 7)}` }] }));
    const body = JSON.stringify({ code: 200, error: null, msg: '40 records were found', data: records });
    for (const size of [33, 150, 400, 1000]) {
      for (const target of records) expect(find(body, target.conn_id, size)).toEqual(target);
    }
  });

  it('is not fooled by a conn_id quoted inside a message', () => {
    const body = JSON.stringify({ code: 200, data: [tricky[0]] });
    expect(find(body, 'B2', 5)).toBeUndefined();
  });

  it('answers nothing when the id is absent or only a prefix of another id', () => {
    expect(find(compact, 'B', 8)).toBeUndefined();
    expect(find(compact, 'ZZ', 8)).toBeUndefined();
  });

  it('matches ids the vendor sent as numbers', () => {
    const body = JSON.stringify({
      code: 200,
      data: [
        { conn_id: 41, conversation: [] },
        { conn_id: 42, conversation: [{ message: 'x' }] },
      ],
    });
    expect(find(body, '42', 3)).toEqual({ conn_id: 42, conversation: [{ message: 'x' }] });
  });

  it('keeps about one record in memory, not the body', () => {
    const records = Array.from({ length: 2000 }, (_, i) => ({ conn_id: `R${i}`, conversation: [{ message: 'x'.repeat(200) }] }));
    const bytes = Buffer.from(JSON.stringify({ code: 200, data: records }));
    const finder = new ConversationFinder('nope');
    let peak = 0;
    for (let at = 0; at < bytes.length; at += 1000) {
      finder.push(bytes.subarray(at, at + 1000), at);
      const retained = (finder as unknown as { retained: Array<{ buf: Buffer }> }).retained.reduce((n, r) => n + r.buf.length, 0);
      peak = Math.max(peak, retained);
    }
    expect(bytes.length).toBeGreaterThan(400_000);
    expect(peak).toBeLessThan(3_000);
  });
});

describe('KeyValueFinder', () => {
  it('reports every key in order across chunk boundaries, with absolute offsets', () => {
    const body = Buffer.from(pretty);
    const hits: Array<[string, string, number]> = [];
    const finder = new KeyValueFinder(['conn_id', 'date']);
    for (let at = 0; at < body.length; at += 5) finder.push(body.subarray(at, at + 5), (h) => hits.push([h.key, h.value, h.offset]));
    expect(hits.map(([k, v]) => `${k}=${v}`)).toEqual(['conn_id=A1', 'date=2024-05-14 08:00:00', 'conn_id=B2', 'date=2024-05-14 09:00:00', 'conn_id=C3']);
    for (const [key, , offset] of hits) expect(body.toString('utf8', offset, offset + key.length + 2)).toBe(`"${key}"`);
  });
});
