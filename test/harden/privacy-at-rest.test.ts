import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRedisQuotaGate } from '../../src/quota/index.js';
import type { QuotaGate } from '../../src/quota/quota-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../support/redis-kit.js';
import { routerOver } from '../support/router-kit.js';

/** 10:00 in Bogotá, when the demo contact center is busy: chats in progress, with phone numbers. */
const BUSY_HOUR = () => new Date('2026-11-24T15:00:00.000Z');

let redis: Redis | undefined;
let gate: QuotaGate | undefined;
let prefix: string | undefined;
afterEach(async () => {
  await gate?.close();
  redis?.disconnect();
  if (prefix) await deleteKeys(prefix);
  redis = gate = prefix = undefined;
});

/** Every value stored under the prefix, whatever its Redis type, as text. */
async function storedValues(client: Redis, match: string): Promise<Array<{ key: string; text: string }>> {
  const out: Array<{ key: string; text: string }> = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `*${match}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await client.type(key);
      const value =
        type === 'string'
          ? await client.get(key)
          : type === 'hash'
            ? JSON.stringify(await client.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await client.lrange(key, 0, -1))
              : type === 'set'
                ? JSON.stringify(await client.smembers(key))
                : type === 'zset'
                  ? JSON.stringify(await client.zrange(key, 0, -1))
                  : '';
      out.push({ key, text: value ?? '' });
    }
  } while (cursor !== '0');
  return out;
}

describe('privacy at rest', () => {
  it('after a live transcript view through the Redis cache, no Redis value holds the customer phone', async () => {
    prefix = uniquePrefix('privacy');
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    gate = createRedisQuotaGate({ redis, prefix });
    const config = parseConfigText('sources:\n  demo: { vendor: demo, label: Demo contact center, timeZone: America/Bogota }\n', {}).config;
    const { sources } = buildSources({ config, gate, logger: silentLogger(), now: BUSY_HOUR });
    const router = routerOver(sources, { config, now: BUSY_HOUR });

    const chats = (await sources[0]!.activeChats()).value;
    const chat = chats.find((c) => c.customerPhone)!;
    const reply = await router.handle({ text: `/transcript ${chat.id}`, asker: { platform: 'console', userId: 'console' }, venue: 'console' });
    expect(renderText(reply)).toContain('In progress');

    // The number as the vendor gave it, straight from the adapter (which the cache never saw unmasked).
    const { adapters } = buildSources({ config, gate, logger: silentLogger(), now: BUSY_HOUR });
    const raw = (await adapters[0]!.activeChats!()).find((c) => c.id === chat.id)!;
    const digits = raw.customerPhone!.replace(/\D/g, '');
    expect(digits.length).toBeGreaterThanOrEqual(7);

    const values = await storedValues(redis, prefix);
    expect(values.some((v) => v.key.includes(`transcript:${chat.id}`))).toBe(true);
    for (const { key, text } of values) {
      expect(text, key).not.toContain(raw.customerPhone!);
      // Written any way at all: spaces, dots, dashes, brackets and "+" dropped.
      expect(text.replace(/[\s().+-]/g, ''), key).not.toContain(digits.slice(-7));
    }
  });
});

describe('masking what is already masked', () => {
  it.each(['573001234567', '+573001234567', '+57 300 123 4567', '(601) 555-0412', '3001234567'])('changes nothing the second time: %s', async (phone) => {
    const { maskPhone, maskPhones } = await import('../../src/privacy/mask-phone.js');
    expect(maskPhone(maskPhone(phone))).toBe(maskPhone(phone));
    expect(maskPhones(maskPhones(`call ${phone} now`))).toBe(maskPhones(`call ${phone} now`));
  });
});
