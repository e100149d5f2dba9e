import { Redis } from 'ioredis';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FAIL_FAST_REDIS_OPTIONS } from '../../src/quota/redis-gate.js';
import { isRedisFailure } from '../../src/quota/redis-store.js';
import { REDIS_URL, uniquePrefix } from '../support/redis-kit.js';

const clients: Redis[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.disconnect()));

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('what the quota gate takes for "Redis is down"', () => {
  it('takes a command that cannot reach Redis for an outage', async () => {
    const client = new Redis(`redis://127.0.0.1:${await deadPort()}`, FAIL_FAST_REDIS_OPTIONS);
    client.on('error', () => undefined);
    clients.push(client);
    const failure = await client.get('anything').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isRedisFailure(failure)).toBe(true);
  });

  it('rethrows what Redis answered (a reply error) and bugs (a TypeError) instead of hiding them as an outage', async () => {
    const client = new Redis(REDIS_URL, FAIL_FAST_REDIS_OPTIONS);
    clients.push(client);
    await new Promise((resolve) => client.once('ready', resolve));
    const key = `${uniquePrefix('failure')}:count`;
    await client.set(key, 'not a number', 'PX', 10_000);
    const reply = await client.incr(key).catch((error: unknown) => error);
    expect(reply).toBeInstanceOf(Error);
    expect(isRedisFailure(reply)).toBe(false);
    await client.del(key);

    const bug = await Promise.resolve(undefined as unknown as { value: number })
      .then((none) => none.value)
      .catch((error: unknown) => error);
    expect(bug).toBeInstanceOf(TypeError);
    expect(isRedisFailure(bug)).toBe(false);
  });
});
