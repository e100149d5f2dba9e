import { afterEach, describe, expect, it } from 'vitest';
import { createComm100Adapter } from '../../adapters/comm100/adapter.js';
import type { VendorAdapter } from '../../adapters/port.js';
import { FAKE_COMM100_DEFAULTS, startFakeComm100, type FakeComm100, type FakeComm100Options } from '../fakes/fake-comm100.js';
import { expectNoSecrets, failure, oauthAuth, sourceFor } from './setup.js';

const d = FAKE_COMM100_DEFAULTS;
let fake: FakeComm100 | undefined;
let adapter: VendorAdapter | undefined;

afterEach(async () => {
  await adapter?.close?.();
  await fake?.close();
  adapter = undefined;
  fake = undefined;
});

async function setUp(options: FakeComm100Options = {}, overrides: Record<string, unknown> = {}, retries?: number) {
  fake = await startFakeComm100(options);
  adapter = createComm100Adapter(sourceFor(fake, overrides), { retryBaseDelayMs: 1, retries });
  return { fake, adapter };
}

describe('Comm100 rate limit', () => {
  it('answers refused/rate-limited past the per-window limit, with the wait, and does not retry', async () => {
    const { fake, adapter } = await setUp({ rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) await adapter.today!();
    const error = await failure(adapter.today!());
    expect(error).toMatchObject({ kind: 'refused', reason: 'rate-limited', status: 429 });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.userMessage).toMatch(/300 API calls per 5 minutes/);
    expect(fake.controls.calls('livechat/realTime/Today')).toBe(4);
  });

  it("passes on the vendor's Retry-After", async () => {
    const { fake, adapter } = await setUp();
    fake.controls.fail({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }, { path: 'livechat/realTime/RightNow' });
    const error = await failure(adapter.queue!());
    expect(error).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 120 });
    expect(fake.controls.calls('livechat/realTime/RightNow')).toBe(1);
  });

  it('waits out a short Retry-After once and answers', async () => {
    const { fake, adapter } = await setUp();
    fake.controls.fail({ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { path: 'livechat/realTime/RightNow', times: 1 });
    const queue = await adapter.queue!();
    expect(queue.queues.length).toBeGreaterThan(0);
    expect(fake.controls.calls('livechat/realTime/RightNow')).toBe(2);
  });

  it('stops reading agent statuses when rate-limited instead of showing every agent as unknown', async () => {
    const { fake, adapter } = await setUp();
    fake.controls.fail({ kind: 'status', status: 429, headers: { 'retry-after': '30' } }, { path: 'livechat/agents' });
    expect(await failure(adapter.agents!())).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 30 });
  });
});

describe('Comm100 failures', () => {
  it('retries a GET that met a server error and returns the answer', async () => {
    const { fake, adapter } = await setUp();
    fake.controls.fail({ kind: 'status', status: 503 }, { path: 'livechat/realTime/Today', times: 2 });
    const stats = await adapter.today!();
    expect(stats.chats).toBe(0);
    expect(fake.controls.calls('livechat/realTime/Today')).toBe(3);
  });

  it('reports unavailable/server-error when the server keeps failing', async () => {
    const { fake, adapter } = await setUp();
    fake.controls.fail({ kind: 'status', status: 500, body: '{"message":"Internal error"}' }, { path: 'livechat/realTime/Today' });
    const error = await failure(adapter.today!());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'server-error', status: 500 });
    expect(error.detail).toContain('Internal error');
    expect(fake.controls.calls('livechat/realTime/Today')).toBe(3);
  });

  it('does not retry a request Comm100 refused as bad', async () => {
    const { fake, adapter } = await setUp();
    fake.controls.fail({ kind: 'status', status: 400, body: '{"message":"startTime is invalid"}' }, { path: 'livechat/realTime/Today' });
    const error = await failure(adapter.today!());
    expect(error).toMatchObject({ kind: 'refused', reason: 'bad-request' });
    expect(fake.controls.calls('livechat/realTime/Today')).toBe(1);
  });

  it.each([
    ['an HTML page', { kind: 'html' } as const, 'html'],
    ['broken JSON', { kind: 'malformed' } as const, 'malformed'],
  ])('calls %s nonsense', async (_, mode, reason) => {
    const { fake, adapter } = await setUp();
    fake.controls.fail(mode, { path: 'livechat/realTime/Queue' });
    expect(await failure(adapter.queue!())).toMatchObject({ kind: 'nonsense', reason });
  });

  it('calls an answer of the wrong shape nonsense/schema', async () => {
    const { fake, adapter } = await setUp();
    fake.controls.setRightNow({ loggedInAgents: 'two' });
    expect(await failure(adapter.queue!())).toMatchObject({ kind: 'nonsense', reason: 'schema' });
  });

  it('gives up on a slow answer after the configured timeout', async () => {
    const { fake, adapter } = await setUp({}, { timeout: '150ms' }, 0);
    // undici checks header timeouts on a ~1 s tick, so the delay must clearly outlast that.
    fake.controls.fail({ kind: 'delay', ms: 3_000 }, { path: 'livechat/realTime/Today' });
    expect(await failure(adapter.today!())).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
  });
});

describe('Comm100 errors and secrets', () => {
  it('never repeat the API key, even when the vendor echoes it', async () => {
    const { fake, adapter } = await setUp();
    const basic = Buffer.from(`${d.email}:${d.apiKey}`).toString('base64');
    fake.controls.fail({ kind: 'status', status: 500, body: JSON.stringify({ message: `key ${d.apiKey} header Basic ${basic}` }) });
    const error = await failure(adapter.today!());
    expect(error.detail).toContain('***');
    expectNoSecrets(error, [d.apiKey, `${d.email}:${d.apiKey}`]);
  });

  it('never repeat the OAuth client secret or an issued access token', async () => {
    const { fake, adapter } = await setUp({}, { auth: oauthAuth });
    await adapter.today!();
    const [token] = fake.controls.issuedTokens();
    fake.controls.fail({ kind: 'status', status: 400, body: JSON.stringify({ message: `bad token ${token} for secret ${d.clientSecret}` }) });
    const error = await failure(adapter.today!());
    expect(error.reason).toBe('bad-request');
    expectNoSecrets(error, [token!, d.clientSecret]);
  });
});
