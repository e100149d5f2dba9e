import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../src/log/logger.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import type { ChatPlatform } from '../../src/domain/chat-platform.js';
import { createWatcher, type Watcher } from '../../src/watcher/create-watcher.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import {
  BOT_TOKEN,
  CHANNEL,
  collectingLogger,
  comm100Source,
  configWith,
  connectRedis,
  deleteKeys,
  slackLedger,
  slackPlatform,
  textOf,
  uniquePrefix,
} from './kit.js';
import { eventually } from '../support/eventually.js';

const rules = [
  { id: 'sales-queue', metric: 'queue.waiting', source: 'emea', queue: 'Sales', above: 5, channels: ['ops'] },
  { id: 'support-queue', metric: 'queue.waiting', source: 'emea', queue: 'Support', above: 5, channels: ['ops'] },
  { id: 'site-queue', metric: 'queue.waiting', source: 'emea', above: 10, channels: ['ops'] },
];
const fast = { pollIntervalMs: 3_600_000, retryBaseMs: 100, retryMaxMs: 400, outboxTickMs: 100, flushMs: 200 };

describe('delivery when Slack struggles', () => {
  let comm100: FakeComm100;
  let slack: FakeSlack;
  let redis: Redis;
  let prefix: string;
  const watchers: Watcher[] = [];

  async function setUp() {
    comm100 = await startFakeComm100({ rateLimit: false });
    slack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [CHANNEL] });
    redis = connectRedis();
    prefix = uniquePrefix('retry');
  }
  afterEach(async () => {
    for (const w of watchers.splice(0)) await w.stop();
    await comm100.close();
    await slack.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });

  function watcher(options: { metrics?: ReturnType<typeof createMetrics>; logger?: ReturnType<typeof silentLogger>; platform?: ChatPlatform } = {}) {
    const platforms = [options.platform ?? slackPlatform(slack)];
    const w = createWatcher({
      config: configWith({ alerts: rules }),
      sources: [comm100Source(comm100)],
      platforms,
      redis,
      prefix,
      logger: options.logger ?? silentLogger(),
      metrics: options.metrics,
      schedule: fast,
    });
    watchers.push(w);
    return w;
  }

  function spike() {
    comm100.controls.setQueueWaiting('Sales', 8);
    comm100.controls.setQueueWaiting('Support', 7);
  }

  it('delivers every alert once after a 429 with Retry-After 2 and a run of 500s, waiting as long as Slack asked', async () => {
    await setUp();
    const metrics = createMetrics();
    const w = watcher({ metrics });
    await w.start();
    const ledger = slackLedger(slack);
    ledger.failNext(1, { kind: 'rateLimited', retryAfterSeconds: 2 }, 'chat.postMessage');
    ledger.failNext(3, { kind: 'serverError', status: 500 }, 'chat.postMessage');
    spike();
    await w.pollOnce();

    await eventually(() => ledger.posts().length === 3, 'three alert posts');
    const alertIds = ledger.posts().map((c) => textOf(c).match(/alert ([\w.-]+:\d+)/)?.[1]);
    expect(alertIds.sort()).toEqual(['sales-queue:1', 'site-queue:1', 'support-queue:1']);
    const attempts = ledger.attempts('chat.postMessage');
    expect(attempts).toHaveLength(3 + 4);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_950);
    expect(await metrics.registry.getSingleMetricAsString('chatops_post_retries_total')).toMatch(/platform="slack"} 4/);
    // Slack has the third post before the outbox has removed its delivery: wait for that state.
    await eventually(async () => (await w.pendingDeliveries()) === 0, 'an empty outbox');

    // Later deliveries still go to the messages that were finally posted.
    comm100.controls.setQueueWaiting('Sales', 0);
    comm100.controls.setQueueWaiting('Support', 0);
    await w.pollOnce();
    await eventually(() => ledger.updates().length === 3, 'three resolved updates');
    expect(ledger.posts()).toHaveLength(3);
  });

  it('drops a delivery Slack refuses for good with a log line that says why, and carries on with the next', async () => {
    await setUp();
    const { logger, lines } = collectingLogger();
    const w = watcher({ logger });
    await w.start();
    const ledger = slackLedger(slack);
    ledger.failNext(1, { kind: 'error', error: 'not_in_channel' }, 'chat.postMessage');
    spike();
    await w.pollOnce();
    await eventually(() => ledger.posts().length === 2, 'the two other posts');
    const dropped = lines.find((l) => String(l.msg).includes('refused for good'));
    expect(dropped).toMatchObject({ channel: `slack:${CHANNEL}`, code: 'platform-refused', platformCode: 'not_in_channel' });
    expect(String(dropped!.err)).toContain('invite it');
    await eventually(async () => (await w.pendingDeliveries()) === 0, 'an empty outbox');
  });

  it('still delivers alerts decided just before a restart, once, from the next process', async () => {
    await setUp();
    // The first process cannot reach Slack at all (network errors) and is stopped before it could.
    const unreachable = slackPlatform({ ...slack, apiUrl: 'http://127.0.0.1:9/api/' });
    const first = watcher({ platform: unreachable });
    await first.start();
    spike();
    await first.pollOnce();
    expect(await first.pendingDeliveries()).toBe(3);
    await first.stop();

    const ledger = slackLedger(slack);
    const second = watcher();
    await second.start();
    await second.pollOnce();
    await eventually(() => ledger.posts().length === 3, 'the three posts from the new process');
    await second.pollOnce();
    expect(ledger.posts()).toHaveLength(3);
    expect(await second.alerts.firing()).toHaveLength(3);
  });
});
