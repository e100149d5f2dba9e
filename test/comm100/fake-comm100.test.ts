import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_COMM100_DEFAULTS, startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';

const d = FAKE_COMM100_DEFAULTS;
const basic = `Basic ${Buffer.from(`${d.email}:${d.apiKey}`).toString('base64')}`;
let fake: FakeComm100 | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function get(path: string, headers: Record<string, string>) {
  const res = await request(new URL(path, fake!.url), { headers });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

async function token(form: Record<string, string>) {
  const res = await request(fake!.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe('the fake Comm100', () => {
  it('refuses Basic auth without the siteId, as the vendor requires it on every call', async () => {
    fake = await startFakeComm100();
    expect((await get('livechat/realTime/RightNow', { authorization: basic })).status).toBe(401);
    expect((await get(`livechat/realTime/RightNow?siteId=${d.siteId}`, { authorization: basic })).status).toBe(200);
  });

  it('serves the documented agents in consistent pages', async () => {
    fake = await startFakeComm100();
    const first = await get(`livechat/realTime/Agents?siteId=${d.siteId}&pageIndex=1&pageSize=100`, { authorization: basic });
    expect(first.body).toMatchObject({ total: 5, pageCount: 3, pageIndex: 1, pageSize: 2 });
    const last = await get(`livechat/realTime/Agents?siteId=${d.siteId}&pageIndex=3&pageSize=100`, { authorization: basic });
    expect((last.body.list as unknown[]).length).toBe(1);
  });

  it('refuses its own tokens once they expire by its clock', async () => {
    const clock = { ms: 0 };
    fake = await startFakeComm100({ now: () => clock.ms, oauth: { clientId: d.clientId, clientSecret: d.clientSecret, tokenLifetimeSeconds: 60 } });
    const issued = await token({ grant_type: 'client_credentials', client_id: d.clientId, client_secret: d.clientSecret });
    expect(issued.body).toMatchObject({ token_type: 'bearer', expires_in: 60 });
    const bearer = { authorization: `Bearer ${String(issued.body.access_token)}` };
    expect((await get('livechat/realTime/Queue', bearer)).status).toBe(200);
    clock.ms += 60_000;
    expect((await get('livechat/realTime/Queue', bearer)).status).toBe(401);
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    fake = await startFakeComm100();
    expect(await token({ grant_type: 'client_credentials', client_id: d.clientId, client_secret: 'nope' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
  });
});
