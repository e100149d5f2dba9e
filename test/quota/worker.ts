/**
 * One bot replica for the multi-process tests: its own Redis quota gate, driven over IPC by the
 * test (`burst`: ask for keys all at once; `hold`: start a call the vendor never answers).
 * Run as `node --import tsx test/quota/worker.ts` with the QG_* environment below.
 */
import { fetchCounted } from '../fakes/counting-vendor.js';
import { createRedisQuotaGate } from '../../src/quota/redis-gate.js';
import type { TokenPolicy } from '../../src/quota/quota-gate.js';

const env = process.env;
const vendorUrl = env.QG_VENDOR_URL ?? '';
const gate = createRedisQuotaGate({
  redis: env.QG_REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: env.QG_PREFIX ?? 'test-quota-worker',
  leaseTtlMs: Number(env.QG_LEASE_TTL_MS ?? 15_000),
  flightTtlMs: Number(env.QG_FLIGHT_TTL_MS ?? 10_000),
  // A busy shared machine can keep a request waiting for its turn far longer than production would.
  leaseWaitMs: Number(env.QG_LEASE_WAIT_MS ?? 120_000),
});

export type WorkerCommand =
  | { cmd: 'burst'; token: TokenPolicy; keys: string[]; ttlMs: number }
  | { cmd: 'hold'; token: TokenPolicy; key: string }
  | { cmd: 'exit' };
export type WorkerReply = { cmd: 'ready'; mode: string } | { cmd: 'burst-done'; values: string[]; failures: string[] } | { cmd: 'holding' };

const send = (reply: WorkerReply) => process.send?.(reply);

process.on('message', (message: WorkerCommand) => {
  void handle(message);
});

async function handle(message: WorkerCommand): Promise<void> {
  if (message.cmd === 'exit') {
    await gate.close();
    process.exit(0);
  }
  if (message.cmd === 'burst') {
    const settled = await Promise.allSettled(
      message.keys.map((key) =>
        gate.run({
          token: message.token,
          source: 'bogota',
          vendor: 'wolkvox',
          key,
          endpoint: 'queue',
          ttlMs: message.ttlMs,
          priority: 'interactive',
          fetch: (signal) => fetchCounted(vendorUrl, key, signal),
        }),
      ),
    );
    send({
      cmd: 'burst-done',
      values: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.value.key] : [])),
      failures: settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : [])),
    });
  }
  if (message.cmd === 'hold') {
    await gate.run({
      token: message.token,
      source: 'bogota',
      vendor: 'wolkvox',
      key: message.key,
      endpoint: 'queue',
      ttlMs: 60_000,
      priority: 'interactive',
      fetch: (signal) => {
        send({ cmd: 'holding' });
        return fetchCounted(vendorUrl, message.key, signal, '&hang=1');
      },
    });
  }
}

// usage() waits for the first connection, so "ready" means the gate is talking to Redis.
await gate.usage({ key: 'wolkvox:ready', concurrency: 1, reserveShare: 0, timeZone: 'UTC' });
send({ cmd: 'ready', mode: gate.mode() });
