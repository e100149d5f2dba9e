import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isVendorError, type VendorError } from '../../src/domain/errors.js';
import { vccliveBaseUrl } from '../../adapters/vcclive/client.js';
import { makeChat, startFakeVcclive, type FakeVcclive, type FakeVccliveFailure } from '../fakes/fake-vcclive.js';
import { adapterFor } from './setup.js';

let fake: FakeVcclive;
beforeAll(async () => {
  fake = await startFakeVcclive({ errorEntries: [{ code: 1001, message: 'Invalid project' }] });
});
afterAll(() => fake.close());
beforeEach(() => fake.controls.reset());

async function failure(run: () => Promise<unknown>): Promise<VendorError> {
  try {
    await run();
  } catch (error) {
    if (isVendorError(error)) return error;
    throw error;
  }
  throw new Error('expected a VendorError');
}

/** Everything a supervisor or a log line could see of an error. */
function visible(error: VendorError): string {
  return [error.message, error.userMessage, error.detail, error.stack, JSON.stringify(error.toLog()), String((error.cause as Error | undefined)?.message)].join(
    '\n',
  );
}

function secretForms(account: string, token: string): string[] {
  return [token, Buffer.from(token).toString('base64'), Buffer.from(`${account}:${token}`).toString('base64')];
}

describe('VCC Live credentials', () => {
  it("talks to the account's own host unless the source sets baseUrl, and shares one quota per account", () => {
    expect(vccliveBaseUrl({ account: 'acme' })).toBe('https://acme.asp.virtual-call-center.eu');
    expect(vccliveBaseUrl({ account: 'acme', baseUrl: fake.url })).toBe(fake.url);
    const adapter = adapterFor(fake);
    expect(adapter.quotaKey).toBe('vcclive:acme');
    expect([...adapter.capabilities].sort()).toEqual(['activeChats', 'agents', 'dayStats', 'queue', 'today', 'transcript']);
    void adapter.close!();
  });

  it('sends HTTP Basic auth with the account as user and the token as password', async () => {
    const adapter = adapterFor(fake);
    await adapter.today!();
    await adapter.close!();
    expect(fake.controls.calls[0]).toMatchObject({
      authorized: true,
      authorization: `Basic ${Buffer.from(`${fake.account}:${fake.token}`).toString('base64')}`,
    });
  });

  it('reports a wrong token as refused credentials, naming the registered IP ranges, without the token', async () => {
    const wrongToken = 'wrong-token-5b2e8d41';
    const adapter = adapterFor(fake, { config: { token: wrongToken } });
    const error = await failure(() => adapter.today!());
    await adapter.close!();

    expect(error).toMatchObject({ kind: 'refused', reason: 'auth', status: 401, vendor: 'VCC Live', source: 'emea' });
    expect(error.userMessage).toMatch(/^VCC Live did not accept the bot's credentials \(HTTP 401\)\. .*account name and API token.*IP ranges registered/);
    for (const secret of secretForms(fake.account, wrongToken)) expect(visible(error)).not.toContain(secret);
  });

  it('explains a 403 as the IP range check', async () => {
    fake.controls.failNext('forbidden');
    const adapter = adapterFor(fake);
    const error = await failure(() => adapter.agents!());
    await adapter.close!();
    expect(error).toMatchObject({ kind: 'refused', reason: 'auth', status: 403 });
    expect(error.userMessage).toContain('only admits API calls from IP ranges registered with it');
    expect(error.detail).toContain('Access denied from this IP address');
  });
});

describe('VCC Live failures', () => {
  it('treats a non-empty errors list in an HTTP 200 as a refusal, quoting the vendor', async () => {
    fake.controls.failNext('errors');
    const adapter = adapterFor(fake);
    const error = await failure(() => adapter.today!());
    await adapter.close!();
    expect(error).toMatchObject({ kind: 'refused', status: 200 });
    expect(error.userMessage).toContain('1001: Invalid project');
  });

  const cases: Array<[FakeVccliveFailure, Partial<VendorError>]> = [
    ['server-error', { kind: 'unavailable', reason: 'server-error', status: 500 }],
    ['html', { kind: 'nonsense', reason: 'html' }],
    ['malformed', { kind: 'nonsense', reason: 'malformed' }],
    ['rate-limited', { kind: 'refused', reason: 'rate-limited', status: 429, retryAfterSeconds: 30 }],
    ['not-found', { kind: 'refused', reason: 'not-found', status: 404 }],
  ];
  for (const [mode, expected] of cases) {
    it(`reports a ${mode} answer as ${expected.kind}/${expected.reason}, without the token`, async () => {
      fake.controls.failNext(mode);
      const adapter = adapterFor(fake);
      const error = await failure(() => adapter.today!());
      await adapter.close!();
      expect(error).toMatchObject(expected);
      expect(error.userMessage).toMatch(/^VCC Live /);
      for (const secret of secretForms(fake.account, fake.token)) expect(visible(error)).not.toContain(secret);
    });
  }

  it('retries a server error once and then answers', async () => {
    fake.controls.failNext('server-error');
    const adapter = adapterFor(fake, { deps: { retries: 1, retryBaseDelayMs: 1 } });
    expect((await adapter.today!()).chats).toBe(1);
    await adapter.close!();
    // The failed call, its retry, and the page past the short first one (the server has not yet
    // shown that it honours the page size asked).
    expect(fake.controls.callCount('/chats')).toBe(3);
  });

  it('reports a chat whose id is not a number as an unreadable answer', async () => {
    const own = await startFakeVcclive({ chats: [makeChat({ chatId: 'abc' as unknown as number })] });
    const adapter = adapterFor(own);
    const error = await failure(() => adapter.today!());
    await adapter.close!();
    await own.close();
    expect(error).toMatchObject({ kind: 'nonsense', reason: 'schema' });
    expect(error.detail).toContain('response.0.chatId');
  });
});

describe('VCC Live input checks', () => {
  for (const id of ['abc', '12a', '../1', '1 OR 1=1', '', '1234567890123456', '+36301234567']) {
    it(`refuses the chat id ${JSON.stringify(id)} before calling VCC Live, without repeating it`, async () => {
      const adapter = adapterFor(fake);
      const error = await failure(() => adapter.transcript!(id));
      await adapter.close!();
      expect(error).toMatchObject({ kind: 'refused', reason: 'bad-request' });
      expect(error.userMessage).toBe('A VCC Live chat id is a whole number, such as 1234. Check the id and try again.');
      if (id) expect(visible(error)).not.toContain(id);
      expect(fake.controls.calls).toHaveLength(0);
    });
  }

  it('refuses a date that is not a calendar day before calling VCC Live', async () => {
    const adapter = adapterFor(fake);
    const error = await failure(() => adapter.dayStats!('2023-02-30'));
    await adapter.close!();
    expect(error).toMatchObject({ kind: 'refused', reason: 'bad-request' });
    expect(fake.controls.calls).toHaveLength(0);
  });
});
