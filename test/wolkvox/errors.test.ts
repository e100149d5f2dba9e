import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import { createWolkvoxAdapter, type WolkvoxAdapter } from '../../adapters/wolkvox/adapter.js';
import { createWolkvoxClient } from '../../adapters/wolkvox/client.js';
import { FAKE_MESSAGES, fakeWolkvoxSource, startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

const NOW = new Date('2024-05-14T20:00:00Z');
let fake: FakeWolkvox;
const opened: WolkvoxAdapter[] = [];

function adapterFor(overrides: Record<string, unknown> = {}, deps: { maxBytes?: number; retries?: number } = {}): WolkvoxAdapter {
  const adapter = createWolkvoxAdapter(fakeWolkvoxSource(fake, overrides), { now: () => NOW, retries: 0, retryBaseDelayMs: 1, ...deps });
  opened.push(adapter);
  return adapter;
}

/** The VendorError a call fails with; checks it never carries the token. */
async function failure(call: Promise<unknown>, token = fake.token): Promise<VendorError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  const vendorError = error as VendorError;
  for (const text of [
    vendorError.message,
    vendorError.userMessage,
    vendorError.detail,
    JSON.stringify(vendorError.toLog()),
    String((vendorError.cause as Error | undefined)?.message),
  ]) {
    expect(text).not.toContain(token);
  }
  // A whole sentence for the supervisor (the brand is written lowercase: "wolkvox ...").
  expect(vendorError.userMessage).toMatch(/^\S.{15,}\.$/);
  return vendorError;
}

/** A wolkvox error envelope as raw reply (for answers the fake does not produce by itself). */
function vendorAnswer(status: number, message: string, inBody = false) {
  return () => ({ raw: JSON.stringify({ code: status, error: message, msg: message, data: null }), status: inBody ? 200 : status });
}

beforeEach(async () => {
  fake = await startFakeWolkvox();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close()));
  await fake.close();
});

describe.each([false, true])('documented error answers (code inside an HTTP 200: %s)', (inBody) => {
  beforeEach(() => fake.setErrorsInBody(inBody));

  it('refuses with an auth error when the token is wrong (403 PLEASE VALIDATE TOKEN)', async () => {
    const wrong = 'not-the-right-token-123';
    const error = await failure(adapterFor({ token: wrong }).agents(), wrong);
    expect(error).toMatchObject({ kind: 'refused', reason: 'auth', status: 403 });
    expect(error.detail).toContain(FAKE_MESSAGES.invalidToken);
    expect(error.userMessage).toContain('token');
  });

  it('refuses with an auth error when the token is missing (401 PLEASE ENTER THE WOLKVOX-TOKEN)', async () => {
    fake.setData('agents', vendorAnswer(401, FAKE_MESSAGES.missingToken, inBody));
    expect(await failure(adapterFor().agents())).toMatchObject({ kind: 'refused', reason: 'auth', status: 401 });
  });

  it('refuses with quota-spent once the daily limit is reached, without retrying', async () => {
    fake.setDailyLimit(0);
    const error = await failure(adapterFor({}, { retries: 2 }).activeChats());
    expect(error).toMatchObject({ kind: 'refused', reason: 'quota-spent', status: 403 });
    expect(error.userMessage).toContain('quota');
    expect(fake.callCount()).toBe(1);
  });

  it('retries "too many simultaneous requests" quietly: the asker gets the answer', async () => {
    fake.failWith('too-many-simultaneous', { api: 'chats', times: 2 });
    const chats = await adapterFor({}, { retries: 0 }).activeChats();
    expect(chats.length).toBeGreaterThan(0);
    expect(fake.state.calls.map((c) => c.status)).toEqual([inBody ? 200 : 403, inBody ? 200 : 403, 200]);
  });

  it('retries "too many simultaneous requests" on a chat_2 download too: the transcript comes', async () => {
    fake.failWith('too-many-simultaneous', { api: 'chat_2', times: 2 });
    const transcript = await adapterFor({}, { retries: 0 }).transcript('8730044');
    expect(transcript).toMatchObject({ id: '8730044', agentName: 'Andrés Ruiz' });
    expect(fake.state.calls.filter((c) => c.api === 'chat_2').map((c) => c.status)).toEqual([inBody ? 200 : 403, inBody ? 200 : 403, 200]);
  });

  it('says the vendor is busy only after five refusals in a row', async () => {
    fake.failWith('too-many-simultaneous', { api: 'chats', times: 5 });
    const error = await failure(adapterFor({}, { retries: 2 }).activeChats());
    expect(error).toMatchObject({ kind: 'refused', reason: 'too-many-concurrent', status: 403 });
    expect(fake.callCount('chats')).toBe(5);
  });

  it('refuses with bad-request when the api does not exist or parameters are missing', async () => {
    fake.setData('agents', vendorAnswer(400, FAKE_MESSAGES.unknownApi, inBody));
    const unknownApi = await failure(adapterFor().agents());
    expect(unknownApi).toMatchObject({ kind: 'refused', reason: 'bad-request', status: 400 });
    expect(unknownApi.detail).toContain(FAKE_MESSAGES.unknownApi);
    const client = createWolkvoxClient({ source: 'bogota', server: '0032', token: fake.token, baseUrl: fake.url, retries: 0 });
    try {
      const missing = await failure(client.chat8({ dateIni: '', dateEnd: '' }));
      expect(missing).toMatchObject({ kind: 'refused', reason: 'bad-request', status: 400 });
      expect(missing.detail).toContain(FAKE_MESSAGES.missingParameters);
    } finally {
      await client.close();
    }
  });

  it('refuses a date range over 31 days with range-too-long', async () => {
    const client = createWolkvoxClient({ source: 'bogota', server: '0032', token: fake.token, baseUrl: fake.url, retries: 0 });
    try {
      const error = await failure(client.chat8({ dateIni: '20240101000000', dateEnd: '20240301000000' }));
      expect(error).toMatchObject({ kind: 'refused', reason: 'range-too-long' });
    } finally {
      await client.close();
    }
  });
});

describe('answers that are not the documented ones', () => {
  it('reads a 403 without a known sentence as a maintenance window', async () => {
    fake.failWith('maintenance');
    const error = await failure(adapterFor({}, { retries: 2 }).activeChats());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'maintenance', status: 403 });
    expect(error.userMessage).toContain('maintenance');
    expect(fake.callCount()).toBe(1);
  });

  it.each([
    ['malformed-json', 'malformed'],
    ['html', 'html'],
    ['truncated', 'truncated'],
  ] as const)('reports a %s answer as nonsense/%s', async (mode, reason) => {
    fake.failWith(mode);
    expect(await failure(adapterFor().activeChats())).toMatchObject({ kind: 'nonsense', reason });
  });

  it.each([
    ['malformed-json', 'malformed'],
    ['html', 'html'],
    ['truncated', 'truncated'],
  ] as const)('reports a %s chat_2 answer during a transcript search as nonsense/%s', async (mode, reason) => {
    fake.failWith(mode, { api: 'chat_2' });
    expect(await failure(adapterFor().transcript('999'))).toMatchObject({ kind: 'nonsense', reason });
  });

  it('refuses a body larger than the cap, on plain and streamed reports', async () => {
    const adapter = adapterFor({}, { maxBytes: 600 });
    expect(await failure(adapter.activeChats())).toMatchObject({ kind: 'nonsense', reason: 'too-large' });
    fake.setData('chats', []);
    const big = Array.from({ length: 200 }, (_, i) => ({ conn_id: `C${i}`, conversation: [{ message: 'texto '.repeat(20) }] }));
    fake.setData('chat_2', big);
    expect(await failure(adapter.transcript('C199'))).toMatchObject({ kind: 'nonsense', reason: 'too-large' });
  });

  it('gives up with a timeout when the vendor does not answer in time', async () => {
    // The fake never answers: only the 150 ms timeout can end the call.
    fake.failWith('hang');
    const error = await failure(adapterFor({ timeout: '150ms' }).agents());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
  });

  it('reports a refused connection as the vendor being unreachable', async () => {
    const adapter = adapterFor({}, { retries: 1 });
    await fake.close();
    const error = await failure(adapter.activeChats());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'network' });
    fake = await startFakeWolkvox();
  });

  it('never repeats the token even when the vendor echoes it back', async () => {
    fake.setData('agents', () => ({ raw: JSON.stringify({ code: 403, error: `token ${fake.token} is blocked`, msg: null, data: null }), status: 403 }));
    const error = await failure(adapterFor().agents());
    expect(error.detail).toContain('***');
  });
});

describe('retries', () => {
  it('retries a GET after 5xx answers and a dropped connection, then succeeds', async () => {
    fake.failWith('server-error', { times: 1 });
    fake.failWith('reset', { times: 1 });
    const chats = await adapterFor({}, { retries: 2 }).activeChats();
    expect(chats).toHaveLength(3);
    expect(fake.callCount('chats')).toBe(3);
  });

  it('stops after the last retry with a server-error the supervisor can read', async () => {
    fake.failWith('server-error');
    const error = await failure(adapterFor({}, { retries: 2 }).activeChats());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'server-error', status: 500 });
    expect(fake.callCount('chats')).toBe(3);
  });
});

describe('empty reports', () => {
  it.each(['http-404', 'code-404', 'empty-list'] as const)('reads a report without records (%s) as empty, not as an error', async (emptyAs) => {
    fake.setEmptyAs(emptyAs);
    fake.setData('chat_8', () => undefined);
    fake.setData('chat_2', () => undefined);
    const adapter = adapterFor();
    expect(await adapter.today()).toEqual({ date: '2024-05-14', chats: 0 });
    const range = { from: '2024-05-01T05:00:00.000Z', to: '2024-05-15T05:00:00.000Z', label: 'last 14 days' };
    expect(await adapter.handoffs(range)).toEqual({ range, botConversations: 0, handedToAgent: 0, rate: 0, topRoutingPoints: [] });
    expect(await adapter.transcript('8730044')).toBeNull();
  });
});

describe('identifiers typed by users', () => {
  it.each(['123&api=agents', '../x', '', 'x'.repeat(65), 'abc def', '12%2F3'])('refuses %j before any request', async (id) => {
    const error = await failure(adapterFor().transcript(id));
    expect(error).toMatchObject({ kind: 'refused', reason: 'bad-request' });
    expect(error.userMessage).toContain('conversation id');
    expect(fake.callCount()).toBe(0);
  });

  it('refuses a day that is not YYYY-MM-DD and an empty range before any request', async () => {
    const adapter = adapterFor();
    expect(await failure(adapter.dayStats('14/05/2024'))).toMatchObject({ reason: 'bad-request' });
    expect(await failure(adapter.handoffs({ from: '2024-05-14T05:00:00Z', to: '2024-05-14T05:00:00Z', label: 'nothing' }))).toMatchObject({
      reason: 'bad-request',
    });
    expect(fake.callCount()).toBe(0);
  });
});
