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

/** A fake and an adapter sharing one hand-driven clock. */
async function setUp(auth: Record<string, unknown>, options: FakeComm100Options = {}) {
  const clock = { ms: Date.parse('2024-03-05T15:00:00Z') };
  fake = await startFakeComm100({ now: () => clock.ms, ...options });
  adapter = createComm100Adapter(sourceFor(fake, { auth }), { now: () => new Date(clock.ms), retryBaseDelayMs: 1 });
  return { fake, adapter, clock };
}

describe('Comm100 API key authentication', () => {
  it('sends HTTP Basic email:apiKey and the siteId on every call', async () => {
    const { fake, adapter } = await setUp({ type: 'apiKey', email: d.email, apiKey: d.apiKey });
    await adapter.queue!();
    await adapter.agents!();
    expect(fake.controls.requests.length).toBeGreaterThanOrEqual(5);
    for (const request of fake.controls.requests) {
      expect(request.auth).toBe('basic');
      expect(request.query.siteId).toBe(d.siteId);
      expect(request.status).toBe(200);
    }
  });

  it('reports a wrong API key as refused credentials without repeating the key', async () => {
    const { fake, adapter } = await setUp({ type: 'apiKey', email: d.email, apiKey: 'wrong-api-key-999' });
    const error = await failure(adapter.today!());
    expect(error).toMatchObject({ kind: 'refused', reason: 'auth', status: 401 });
    expect(error.userMessage).toMatch(/credentials/);
    expect(fake.controls.calls()).toBe(1);
    expectNoSecrets(error, ['wrong-api-key-999', `${d.email}:wrong-api-key-999`]);
  });
});

describe('Comm100 OAuth authentication', () => {
  it('fetches one token and reuses it for later calls', async () => {
    const { fake, adapter } = await setUp(oauthAuth);
    await adapter.today!();
    await adapter.queue!();
    await adapter.transcript!('8815');
    expect(fake.controls.tokenRequests()).toBe(1);
    const [token] = fake.controls.requests.filter((r) => r.route === 'oauth/token');
    expect(token!.form).toMatchObject({ grant_type: 'client_credentials', client_id: d.clientId, client_secret: d.clientSecret });
    const api = fake.controls.requests.filter((r) => r.route !== 'oauth/token');
    expect(api.every((r) => r.auth === 'bearer' && r.status === 200)).toBe(true);
  });

  it('fetches a single token when many calls start at once', async () => {
    const { fake, adapter } = await setUp(oauthAuth);
    await Promise.all([adapter.today!(), adapter.queue!(), adapter.agents!(), adapter.transcript!('8815'), adapter.today!()]);
    expect(fake.controls.tokenRequests()).toBe(1);
  });

  it('refreshes the token shortly before it expires, so no call meets an expired token', async () => {
    const { fake, adapter, clock } = await setUp(oauthAuth, { oauth: { clientId: d.clientId, clientSecret: d.clientSecret, tokenLifetimeSeconds: 3600 } });
    await adapter.today!();
    clock.ms += 3_500_000; // 100 s before expiry: still fresh
    await adapter.today!();
    expect(fake.controls.tokenRequests()).toBe(1);
    clock.ms += 60_000; // 40 s before expiry: inside the refresh margin
    await adapter.today!();
    expect(fake.controls.tokenRequests()).toBe(2);
    const grants = fake.controls.requests.filter((r) => r.route === 'oauth/token').map((r) => r.form?.grant_type);
    expect(grants).toEqual(['client_credentials', 'refresh_token']);
    expect(fake.controls.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('gets a new token and retries once when Comm100 answers 401 to a token it revoked', async () => {
    const { fake, adapter } = await setUp(oauthAuth);
    await adapter.today!();
    fake.controls.revokeTokens();
    const stats = await adapter.today!();
    expect(stats.chats).toBe(0);
    expect(fake.controls.tokenRequests()).toBe(2);
    expect(fake.controls.requests.filter((r) => r.route === 'livechat/realTime/Today').map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('gives up after one retry when the fresh token is refused too', async () => {
    const { fake, adapter } = await setUp(oauthAuth);
    fake.controls.fail({ kind: 'status', status: 401, body: '{"message":"Unauthorized"}' }, { path: 'livechat/realTime/Today' });
    const error = await failure(adapter.today!());
    expect(error).toMatchObject({ kind: 'refused', reason: 'auth' });
    expect(fake.controls.calls('livechat/realTime/Today')).toBe(2);
  });

  it('falls back to the configured grant when an issued refresh token is refused', async () => {
    const { fake, adapter, clock } = await setUp(oauthAuth);
    await adapter.today!();
    fake.controls.fail({ kind: 'status', status: 400, body: '{"error":"invalid_grant"}' }, { path: 'oauth/token', times: 1 });
    clock.ms += 3_590_000;
    await adapter.today!();
    const grants = fake.controls.requests.filter((r) => r.route === 'oauth/token').map((r) => r.form?.grant_type ?? '(failed)');
    expect(grants).toEqual(['client_credentials', '(failed)', 'client_credentials']);
  });

  it('supports the password grant', async () => {
    const { fake, adapter } = await setUp({ type: 'oauth', clientId: d.clientId, grantType: 'password', username: d.username, password: d.password });
    await adapter.today!();
    const [token] = fake.controls.requests.filter((r) => r.route === 'oauth/token');
    expect(token!.form).toMatchObject({ grant_type: 'password', username: d.username, password: d.password });
    expect(fake.controls.requests.at(-1)!.status).toBe(200);
  });

  it('explains a password grant configured without a password, before calling anyone', async () => {
    const { fake, adapter } = await setUp({ type: 'oauth', clientId: d.clientId, grantType: 'password', username: d.username });
    const error = await failure(adapter.today!());
    expect(error).toMatchObject({ kind: 'refused', reason: 'auth' });
    expect(error.userMessage).toMatch(/lacks username and password/);
    expect(fake.controls.requests).toHaveLength(0);
  });

  it('reports a refused OAuth client as a credentials problem without its secret', async () => {
    const { adapter } = await setUp({ type: 'oauth', clientId: d.clientId, clientSecret: 'not-the-secret-42' });
    const error = await failure(adapter.queue!());
    expect(error).toMatchObject({ kind: 'refused', reason: 'auth', endpoint: 'oauth/token' });
    expect(error.userMessage).toMatch(/OAuth client/);
    expectNoSecrets(error, ['not-the-secret-42']);
  });
});
