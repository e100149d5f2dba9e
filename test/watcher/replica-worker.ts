/**
 * One bot replica running only the watcher, for the multi-process test (test/watcher/replicas.ts).
 * Env: REDIS_URL, PREFIX, COMM100_URL, SLACK_API_URL. Talks to its parent over IPC: sends
 * `ready` and `role` (whenever leadership changes); on `exit` stops cleanly.
 */
import { Redis } from 'ioredis';
import { silentLogger } from '../../src/log/logger.js';
import { createWatcher } from '../../src/watcher/create-watcher.js';
import type { FakeComm100 } from '../fakes/fake-comm100.js';
import type { FakeSlack } from '../fakes/fake-slack.js';
import { comm100Source, configWith, slackPlatform } from './kit.js';

export type ReplicaMessage = { cmd: 'ready' } | { cmd: 'role'; leader: boolean };

const env = process.env as Record<string, string>;
const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1 });
const config = configWith({
  alerts: [
    {
      id: 'sales-queue',
      metric: 'queue.waiting',
      source: 'emea',
      queue: 'Sales',
      above: 5,
      channels: ['ops'], // Each spike is its own incident here (they come seconds apart): no reopening.
      reopenWithin: '0s',
    },
  ],
});
const watcher = createWatcher({
  config,
  sources: [comm100Source({ url: env.COMM100_URL } as FakeComm100)],
  platforms: [slackPlatform({ apiUrl: env.SLACK_API_URL } as FakeSlack)],
  redis,
  prefix: env.PREFIX!,
  logger: silentLogger(),
  schedule: { pollIntervalMs: 250, leaseTtlMs: 1_200, leaseRenewMs: 300, retryBaseMs: 100, retryMaxMs: 400, outboxTickMs: 100 },
});

const send = (message: ReplicaMessage) => process.send?.(message);
let leader = false;
const roles = setInterval(() => {
  if (watcher.isLeader() === leader) return;
  leader = watcher.isLeader();
  send({ cmd: 'role', leader });
}, 20);

process.on('message', (message: { cmd: string }) => {
  if (message.cmd !== 'exit') return;
  clearInterval(roles);
  void watcher.stop().finally(() => {
    redis.disconnect();
    process.exit(0);
  });
});

await watcher.start();
send({ cmd: 'ready' });
