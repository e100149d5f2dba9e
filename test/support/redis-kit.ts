import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The shared test Redis. Never stopped by tests: outage tests start their own server. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

/** A client of the shared test Redis that gives up after one retry. */
export function connectRedis(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/** Deletes every key of a test run, including the ones redis-semaphore names `mutex:`/`semaphore:` + key (the leader lease among them). */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = connectRedis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
