import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import type { Asker } from '../../src/domain/asker.js';
import { connectRedis, deleteKeys, REDIS_URL } from '../watcher/kit.js';

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
const CONSOLE: Asker = { platform: 'console', userId: 'console' };
const apps: App[] = [];
const redis = connectRedis();
const prefixes = [`test-prefix-a-${randomUUID().slice(0, 8)}`, `test-prefix-b-${randomUUID().slice(0, 8)}`];

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop(1_000)));
  for (const prefix of prefixes) await deleteKeys(prefix);
  redis.disconnect();
});

async function keysOf(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

describe('two deployments on one Redis (CHATOPS_REDIS_PREFIX)', () => {
  it('share nothing: each keeps its quota, cache, roster and watcher lease under its own prefix, and each leads its own watcher', async () => {
    for (const prefix of prefixes) {
      const settings = await readSettings({ CHATOPS_CONFIG: '', REDIS_URL, CHATOPS_REDIS_PREFIX: prefix });
      const app = await createApp({ settings, watch: true, platforms: false, logDestination: silent, write: () => undefined });
      apps.push(app);
      await app.router.handle({ text: '/queue', asker: CONSOLE, venue: 'console' });
    }
    for (const prefix of prefixes) {
      // The watcher takes its lease at start; the gate writes its roster beat.
      await vi.waitFor(
        async () => {
          const keys = await keysOf(prefix);
          expect(keys).toContain(`mutex:${prefix}:{watch}:leader`);
          expect(keys).toContain(`${prefix}:quota:replicas`);
        },
        { timeout: 60_000, interval: 100 },
      );
      const keys = await keysOf(prefix);
      for (const key of keys) expect(key).toMatch(new RegExp(`^((mutex|semaphore):)?${prefix}:`));
      expect(keys.some((k) => k.startsWith(`${prefix}:quota:{`) && k.includes(':cache:'))).toBe(true);
      const other = prefixes.find((p) => p !== prefix)!;
      expect(keys.some((k) => k.includes(other))).toBe(false);
    }
    // Two leases, two leaders: neither deployment waits for the other's watcher.
    const [a, b] = await Promise.all(prefixes.map((p) => redis.get(`mutex:${p}:{watch}:leader`)));
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
  });
});
