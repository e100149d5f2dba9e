import { afterEach, beforeEach, expect, it } from 'vitest';
import { createVendorHttp, type VendorHttp } from '../../adapters/http/vendor-http.js';
import { startFakeWolkvox, wolkvoxFixtureData, type FakeWolkvox } from '../fakes/fake-wolkvox.js';

// Guards the fix in adapters/http/vendor-http.ts: the size cap used to be a 'data' listener,
// which put the body in flowing mode and lost every chunk that arrived before the caller read.
let fake: FakeWolkvox;
let http: VendorHttp;

beforeEach(async () => {
  fake = await startFakeWolkvox();
  http = createVendorHttp({ vendor: 'wolkvox', source: 'bogota', baseUrl: fake.url, timeoutMs: 5_000, headers: { 'wolkvox-token': fake.token } });
});
afterEach(async () => {
  await http.close();
  await fake.close();
});

it('delivers a streamed body whole even when the reader starts after a pause', async () => {
  const res = await http.stream('/api/v2/real_time.php', { query: { api: 'chats' }, endpoint: 'real_time.php?api=chats' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  expect((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: unknown }).data).toEqual(wolkvoxFixtureData('real-time-chats.json'));
});
