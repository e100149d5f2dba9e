import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_MESSAGES, startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

// The fake is shared with other areas' tests (quota gate, commands, watcher): its contract is
// checked here with plain fetch, independent of the adapter.
let fake: FakeWolkvox;

async function get(
  query: string,
  token: string | null = fake.token,
  path = '/api/v2/real_time.php',
): Promise<{ status: number; body: { code: unknown; msg: unknown; data: unknown } }> {
  const res = await fetch(`${fake.url}${path}?${query}`, { headers: token === null ? {} : { 'wolkvox-token': token } });
  return { status: res.status, body: (await res.json()) as { code: unknown; msg: unknown; data: unknown } };
}

beforeEach(async () => {
  fake = await startFakeWolkvox({ dailyLimit: 5 });
});
afterEach(async () => {
  await fake.close();
});

describe('the fake wolkvox', () => {
  it('asks for the token, then validates it', async () => {
    expect(await get('api=chats', null)).toMatchObject({ status: 401, body: { msg: FAKE_MESSAGES.missingToken } });
    expect(await get('api=chats', 'wrong-token')).toMatchObject({ status: 403, body: { msg: FAKE_MESSAGES.invalidToken } });
    expect(fake.state.calls.map((c) => c.authorized)).toEqual([false, false]);
  });

  it('serves the documented examples with the documented code types', async () => {
    const chats = await get('api=chats');
    expect(chats).toMatchObject({ status: 200, body: { code: '200' } });
    expect(chats.body.data).toHaveLength(2);
    const chat8 = await get('api=chat_8&date_ini=20240514000000&date_end=20240514235959', fake.token, '/api/v2/reports_manager.php');
    expect(chat8).toMatchObject({ status: 200, body: { code: 200 } });
  });

  it('refuses unknown apis, missing parameters and ranges over 31 days with 400', async () => {
    expect(await get('api=nope')).toMatchObject({ status: 400, body: { msg: FAKE_MESSAGES.unknownApi } });
    expect(await get('api=skills')).toMatchObject({ status: 400, body: { msg: FAKE_MESSAGES.missingParameters } });
    expect(await get('api=chat_2&date_ini=20240101000000', fake.token, '/api/v2/reports_manager.php')).toMatchObject({
      status: 400,
      body: { msg: FAKE_MESSAGES.missingParameters },
    });
    expect(await get('api=chat_2&date_ini=20240101000000&date_end=20240202000000', fake.token, '/api/v2/reports_manager.php')).toMatchObject({
      status: 400,
      body: { msg: FAKE_MESSAGES.rangeTooLong },
    });
  });

  it('spends the daily quota and then answers TOKEN LIMIT EXCEEDED', async () => {
    for (let i = 0; i < 5; i++) expect((await get('api=chats')).status).toBe(200);
    expect(await get('api=chats')).toMatchObject({ status: 403, body: { msg: FAKE_MESSAGES.quotaSpent } });
    expect(fake.state.usedToday).toBe(5);
  });

  it('answers the third simultaneous request of a token with EXCEEDS THE LIMIT', async () => {
    fake.setDelay(100);
    const answers = await Promise.all([get('api=chats'), get('api=chats'), get('api=chats')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 403]);
    expect(answers.find((a) => a.status === 403)!.body.msg).toBe(FAKE_MESSAGES.tooManyConcurrent);
    expect(fake.state.maxConcurrencySeen).toBe(3);
  });

  it('lets a test replace the data of one api and fail a given number of requests', async () => {
    fake.setData('skills', [{ skill_id: '7', skill_name: 'VIP', calls_in_queue_now: '9' }]);
    fake.failWith('server-error', { api: 'skills', times: 1 });
    expect((await fetch(`${fake.url}/api/v2/real_time.php?api=skills&skill_id=7`, { headers: { 'wolkvox-token': fake.token } })).status).toBe(500);
    expect(await get('api=skills&skill_id=7')).toMatchObject({ status: 200, body: { data: [{ calls_in_queue_now: '9' }] } });
    expect(fake.callCount('skills')).toBe(2);
  });
});
