import { afterAll, describe, expect, it } from 'vitest';
import { createWallboardLinks, publicUrlProblem, type WallboardLinks } from '../../src/wallboard/wallboard-links.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';

const redis = connectRedis();
const prefixes: string[] = [];
afterAll(async () => {
  await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
  redis.disconnect();
});

const paramsOf = (url: string) => new URL(url).searchParams;
const DAY = 86_400_000;

for (const shared of [false, true]) {
  describe(`wallboard links (${shared ? 'Redis' : 'memory'})`, () => {
    const make = (now: () => number, secret = 'links-test-secret'): WallboardLinks => {
      const prefix = uniquePrefix('wb-links');
      prefixes.push(prefix);
      return createWallboardLinks({
        publicUrl: 'https://bot.example.com/',
        secret,
        redis: shared ? redis : undefined,
        prefix,
        tvMs: 30 * DAY,
        deskMs: DAY / 2,
        now,
      });
    };

    it('opens the sources it was made for until it expires, a desk link sooner than a TV link', async () => {
      let clock = Date.parse('2026-12-01T10:00:00Z');
      const links = make(() => clock);
      const desk = await links.link(['emea', 'bogota'], 'desk');
      const tv = await links.link(['emea'], 'tv');
      expect(desk.url).toMatch(/^https:\/\/bot\.example\.com\/wallboard\?s=emea%2Cbogota&k=desk&exp=\d+&g=\d+&sig=[\w-]{43}$/);
      const ok = await links.check(paramsOf(desk.url));
      expect(ok).toMatchObject({ ok: true, grant: { sources: ['emea', 'bogota'], kind: 'desk' } });
      clock += DAY;
      expect(await links.check(paramsOf(desk.url))).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('expired') });
      expect((await links.check(paramsOf(tv.url))).ok).toBe(true);
      expect(tv.expiresAt.getTime() - desk.expiresAt.getTime()).toBeGreaterThan(20 * DAY);
    });

    it('refuses a link whose sources, kind, expiry or generation were changed, or that another secret signed', async () => {
      const links = make(Date.now);
      const { url } = await links.link(['emea'], 'desk');
      for (const [name, value] of [
        ['s', 'emea,apac'],
        ['k', 'tv'],
        ['exp', String(Number(paramsOf(url).get('exp')) + 3600)],
        ['g', String(Number(paramsOf(url).get('g')) + 1)],
      ] as const) {
        const params = paramsOf(url);
        params.set(name, value);
        expect(await links.check(params), name).toMatchObject({ ok: false, status: 403 });
      }
      const other = make(Date.now, 'another-secret');
      expect(await other.check(paramsOf(url))).toMatchObject({ ok: false, status: 403 });
      const incomplete = paramsOf(url);
      incomplete.delete('sig');
      expect(await links.check(incomplete)).toMatchObject({ ok: false, status: 400 });
    });

    it('refuses a link dated past its kind’s lifetime (not made here)', async () => {
      const links = make(Date.now);
      const forged = createWallboardLinks({
        publicUrl: 'https://bot.example.com',
        secret: 'links-test-secret',
        deskMs: 365 * DAY,
        redis: shared ? redis : undefined,
        prefix: prefixes.at(-1),
      });
      const { url } = await forged.link(['emea'], 'desk');
      expect(await links.check(paramsOf(url))).toMatchObject({ ok: false, status: 403, message: 'This wallboard link is not valid.' });
    });

    it('revoke ends every link made so far; links made after work', async () => {
      const links = make(Date.now);
      const before = await links.link(['emea'], 'tv');
      await links.revoke();
      expect(await links.check(paramsOf(before.url))).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('revoked') });
      const after = await links.link(['emea'], 'tv');
      expect((await links.check(paramsOf(after.url))).ok).toBe(true);
    });
  });
}

describe('PUBLIC_URL for wallboard links', () => {
  it('takes https anywhere and http only on this machine', () => {
    expect(publicUrlProblem('https://bot.example.com')).toBeUndefined();
    expect(publicUrlProblem('http://localhost:3000')).toBeUndefined();
    expect(publicUrlProblem('http://127.0.0.1:3000')).toBeUndefined();
    expect(publicUrlProblem('http://bot.example.com')).toContain('https');
    expect(publicUrlProblem(undefined)).toContain('PUBLIC_URL');
  });
});

describe('a shared random secret', () => {
  it('is the same for two replicas on one Redis when no secret is configured', async () => {
    const prefix = uniquePrefix('wb-secret');
    prefixes.push(prefix);
    const a = createWallboardLinks({ publicUrl: 'https://bot.example.com', redis, prefix });
    const b = createWallboardLinks({ publicUrl: 'https://bot.example.com', redis, prefix });
    const { url } = await a.link(['emea'], 'desk');
    expect((await b.check(paramsOf(url))).ok).toBe(true);
  });
});
