import { describe, expect, it } from 'vitest';
import { SUPERVISOR, countingAdapter, sourceFor, routerOver } from '../support/router-kit.js';

function setup() {
  const adapter = countingAdapter('bogota', { transcript: null });
  const router = routerOver([sourceFor(adapter)]);
  return { adapter, ask: (text: string) => router.handle({ text, asker: SUPERVISOR, venue: 'direct' }) };
}

describe('identifiers typed by users', () => {
  const hostile = [
    ['a query-string injection', '/transcript 123&api=agents'],
    ['a path traversal', '/transcript ../x'],
    ['an empty quoted id', '/transcript ""'],
    ['a 65-character id', `/transcript ${'a'.repeat(65)}`],
    ['a URL-encoded separator', '/transcript 123%26api%3Dagents'],
    ['a shell substitution', '/transcript $(rm -rf /)'],
    ['markup', '/transcript <script>alert(1)</script>'],
    ['a quoted id with a space', '/transcript "12 3"'],
    ['a non-ASCII digit', '/transcript ١٢٣'],
  ] as const;

  for (const [what, text] of hostile) {
    it(`answers ${what} with the usage and never reaches the vendor`, async () => {
      const { adapter, ask } = setup();
      const reply = await ask(text);
      expect(reply.title).toBe('How to use /transcript');
      expect(adapter.calls).toEqual([]);
    });
  }

  it('passes a 64-character id of letters, digits, "-" and "_" on to the vendor as typed', async () => {
    const { adapter, ask } = setup();
    const id = `${'A1-_'.repeat(16)}`;
    await ask(`/transcript ${id}`);
    expect(adapter.calls).toEqual([{ method: 'transcript', args: [id] }]);
  });

  it('says plainly when the vendor has no chat with that id', async () => {
    const { ask } = setup();
    const reply = await ask('/transcript 999');
    expect(reply.summary).toBe('demo has no chat with id 999 (within the days the bot searches). Check the id, or name another source.');
  });

  it('refuses an alert id with characters an alert id never has, before asking the watcher', async () => {
    const { ask } = setup();
    expect((await ask('/alerts ack 1;DROP')).title).toBe('How to use /alerts');
  });
});
