import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { silentLogger } from '../../src/log/logger.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import type { Asker } from '../../src/domain/asker.js';
import { createWatcher, type Watcher } from '../../src/watcher/create-watcher.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../fakes/fake-slack.js';
import {
  BOT_TOKEN,
  CHANNEL,
  comm100Source,
  configWith,
  connectRedis,
  deleteKeys,
  manualClock,
  slackLedger,
  slackPlatform,
  textOf,
  uniquePrefix,
} from './kit.js';

const ANA: Asker = { platform: 'slack', userId: 'U0ANA', displayName: 'Ana' };
// Monday 23 November 2026, 10:00 in London.
const MONDAY_10AM = '2026-11-23T10:00:00.000Z';
const MINUTE = 60_000;

interface World {
  watcher: Watcher;
  comm100: FakeComm100;
  slack: FakeSlack;
  clock: ReturnType<typeof manualClock>;
  ledger: ReturnType<typeof slackLedger>;
  metrics: ReturnType<typeof createMetrics>;
  /** Sets the Sales queue and runs one poll at the current clock, then moves the clock on. */
  poll(waiting: number, thenAdvanceMs?: number): Promise<void>;
}

const worlds: Array<{ world: World; redis: Redis; prefix: string }> = [];
afterEach(async () => {
  for (const { world, redis, prefix } of worlds.splice(0)) {
    await world.watcher.stop();
    await world.comm100.close();
    await world.slack.close();
    redis.disconnect();
    await deleteKeys(prefix);
  }
});

async function world(rule: Record<string, unknown>, start = MONDAY_10AM): Promise<World> {
  const comm100 = await startFakeComm100({ rateLimit: false });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [CHANNEL] });
  const redis = connectRedis();
  const prefix = uniquePrefix('life');
  const clock = manualClock(start);
  const metrics = createMetrics();
  const config = configWith({ alerts: [{ id: 'sales-queue', metric: 'queue.waiting', source: 'emea', queue: 'Sales', channels: ['ops'], ...rule }] });
  // Polls only when the test says (pollOnce): the scheduled ones are an hour apart.
  const schedule = { pollIntervalMs: 3_600_000 };
  const watcher = createWatcher({
    config,
    sources: [comm100Source(comm100)],
    platforms: [slackPlatform(slack)],
    redis,
    prefix,
    logger: silentLogger(),
    metrics,
    now: clock.now,
    schedule,
  });
  await watcher.start();
  const w: World = {
    watcher,
    comm100,
    slack,
    clock,
    metrics,
    ledger: slackLedger(slack),
    async poll(waiting, thenAdvanceMs = MINUTE) {
      comm100.controls.setQueueWaiting('Sales', waiting, { waitSeconds: Array.from({ length: waiting }, () => 90) });
      await watcher.pollOnce();
      clock.advance(thenAdvanceMs);
    },
  };
  worlds.push({ world: w, redis, prefix });
  return w;
}

const hasButtons = (call: SlackCall) => (call.body.blocks as Array<{ type: string }>).some((b) => b.type === 'actions');

describe('alert lifecycle through Slack', () => {
  it('fires exactly one post on the poll where the queue has stayed over the threshold for `for`', async () => {
    const w = await world({ above: 5, for: '2m', severity: 'critical' });
    await w.poll(8);
    await w.poll(9);
    expect(w.ledger.posts()).toHaveLength(0);
    await w.poll(9);
    expect(w.ledger.posts()).toHaveLength(1);
    await w.poll(10);
    await w.poll(10);
    const [post] = w.ledger.posts();
    expect(w.ledger.posts()).toHaveLength(1);
    expect(post!.body.channel).toBe(CHANNEL);
    expect(textOf(post!)).toContain('<!here>');
    expect(textOf(post!)).toContain('Critical');
    expect(textOf(post!)).toContain('EMEA');
    expect(hasButtons(post!)).toBe(true);
    expect(await w.metrics.registry.getSingleMetricAsString('chatops_alerts_firing')).toMatch(/severity="critical"} 1/);
  });

  it('updates the same message when a supervisor acknowledges, naming them and dropping the Ack button', async () => {
    const w = await world({ above: 5 });
    await w.poll(8);
    const [alert] = await w.watcher.alerts.firing();
    expect(alert).toMatchObject({ ruleId: 'sales-queue', phase: 'firing', value: 8, threshold: 5, queue: 'Sales' });
    const view = await w.watcher.alerts.acknowledge(alert!.id, ANA);
    expect(view).toMatchObject({ phase: 'acknowledged', acknowledgedBy: 'Ana' });
    await w.watcher.deliver();
    const [update] = w.ledger.updates();
    const ref = (await w.watcher.store.messageRefs(alert!.id))[`slack:${CHANNEL}`];
    expect(ref).toMatch(/^slack:C0ALERTS\/\d+\.\d+$/);
    expect(update!.body.ts).toBe(ref!.split('/')[1]);
    expect(textOf(update!)).toContain('Acknowledged by');
    expect(textOf(update!)).toContain('Ana');
    expect(textOf(update!)).not.toContain('chatops:ack');
    // A second press changes nothing and says who was first.
    expect(await w.watcher.alerts.acknowledge(alert!.id, { platform: 'slack', userId: 'U0LUIS', displayName: 'Luis' })).toMatchObject({
      acknowledgedBy: 'Ana',
    });
    await w.watcher.deliver();
    expect(w.ledger.updates()).toHaveLength(1);
  });

  it('resolves by updating the original message in place with peak and duration, plus a short reply in its thread', async () => {
    const w = await world({ above: 5 });
    await w.poll(8);
    await w.poll(14);
    await w.poll(11, 12 * MINUTE);
    await w.poll(2);
    const posts = w.ledger.posts();
    expect(posts).toHaveLength(1);
    const ts = (await w.watcher.store.messageRefs('sales-queue:1'))[`slack:${CHANNEL}`]!.split('/')[1];
    const [update] = w.ledger.updates();
    expect(update!.body).toMatchObject({ channel: CHANNEL, ts });
    expect(textOf(update!)).toContain('Resolved');
    expect(textOf(update!)).toContain('Peak');
    expect(textOf(update!)).toMatch(/Lasted\*\\n14m/);
    expect(textOf(update!)).toContain('10:00 to 10:14');
    expect(hasButtons(update!)).toBe(false);
    const [thread] = w.ledger.threadReplies();
    expect(thread!.body.thread_ts).toBe(ts);
    expect(textOf(thread!)).toContain('Resolved after 14m');
    expect(textOf(thread!)).toContain('peak 14');
    expect(await w.watcher.alerts.firing()).toEqual([]);
  });

  it('posts nothing for a silenced rule, and posts when the silence ends while it still fires', async () => {
    const w = await world({ above: 5 });
    expect(await w.watcher.alerts.silence('sales-queue', 30 * MINUTE, ANA)).toEqual({ until: new Date(Date.parse(MONDAY_10AM) + 30 * MINUTE).toISOString() });
    expect(await w.watcher.alerts.silences()).toEqual([{ ruleId: 'sales-queue', until: expect.any(String), by: 'Ana' }]);
    expect(await w.watcher.alerts.silence('no-such-rule', 30 * MINUTE, ANA)).toBeUndefined();
    await w.poll(9, 10 * MINUTE);
    await w.poll(9, 10 * MINUTE);
    await w.poll(9, 10 * MINUTE);
    expect(w.slack.calls).toHaveLength(0);
    await w.poll(9);
    expect(w.ledger.posts()).toHaveLength(1);
  });

  it('a silence lifted before it ends: every replica reads it gone, and the alert it held back is posted at the next poll', async () => {
    const w = await world({ above: 5 });
    await w.watcher.alerts.silence('sales-queue', 2 * 60 * MINUTE, ANA);
    await w.poll(9);
    expect(w.ledger.posts()).toHaveLength(0);
    expect(await w.watcher.alerts.unsilence('sales-queue', { platform: 'slack', userId: 'U0LUIS', displayName: 'Luis' })).toEqual({
      until: expect.any(String),
      by: 'Ana',
    });
    expect(await w.watcher.alerts.silences()).toEqual([]);
    expect(await w.watcher.alerts.unsilence('sales-queue', ANA)).toBeUndefined();
    await w.poll(9);
    expect(w.ledger.posts()).toHaveLength(1);
  });

  it('posts nothing outside active hours, however long the queue stays over', async () => {
    // Saturday 28 November 2026, 10:00 in London: the rule watches weekdays only.
    const w = await world({ above: 5, activeHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' } }, '2026-11-28T10:00:00.000Z');
    for (let i = 0; i < 5; i++) await w.poll(20, 30 * MINUTE);
    expect(w.slack.calls).toHaveLength(0);
    expect(await w.watcher.alerts.firing()).toEqual([]);
  });

  it('with hysteresis, a queue hovering at the threshold produces one alert, not one per crossing', async () => {
    const w = await world({ above: 5, hysteresis: 2 });
    for (const waiting of [6, 5, 6, 4, 7, 5, 6]) await w.poll(waiting);
    expect(w.ledger.posts()).toHaveLength(1);
    expect(w.ledger.updates()).toHaveLength(0);
    await w.poll(3);
    expect(w.ledger.updates()).toHaveLength(1);
    expect(w.ledger.posts()).toHaveLength(1);
  });

  it('reminds in the thread every `repeat` while it keeps firing, until acknowledged', async () => {
    const w = await world({ above: 5, repeat: '10m' });
    await w.poll(8, 5 * MINUTE);
    await w.poll(8, 5 * MINUTE);
    await w.poll(8, 10 * MINUTE);
    await w.poll(8, MINUTE);
    expect(w.ledger.threadReplies().map((c) => textOf(c).match(/Still firing after (\w+)/)?.[1])).toEqual(['10m', '20m']);
    const [alert] = await w.watcher.alerts.firing();
    await w.watcher.alerts.acknowledge(alert!.id, ANA);
    await w.poll(8, 30 * MINUTE);
    await w.poll(8);
    expect(w.ledger.threadReplies()).toHaveLength(2);
  });

  it('a saw-tooth around the threshold (9, 1, 9, 1, 9 within three minutes) is one post, edited in place, with thread lines', async () => {
    const w = await world({ above: 5, severity: 'critical' });
    for (const waiting of [9, 1, 9, 1, 9]) await w.poll(waiting, 45_000);
    expect(w.ledger.posts()).toHaveLength(1);
    expect(textOf(w.ledger.posts()[0]!)).toContain('<!here>');
    const ts = (await w.watcher.store.messageRefs('sales-queue:1'))[`slack:${CHANNEL}`]!.split('/')[1];
    const updates = w.ledger.updates();
    expect(updates.every((u) => u.body.ts === ts)).toBe(true);
    expect(updates.map((u) => (textOf(u).includes('Resolved') ? 'resolved' : 'firing'))).toEqual(['resolved', 'firing', 'resolved', 'firing']);
    // The last edit: firing again, twice, and flapping.
    expect(textOf(updates.at(-1)!)).toContain('twice');
    expect(textOf(updates.at(-1)!)).toContain('Flapping');
    expect(w.ledger.threadReplies().map((c) => /Resolved after [\dms ]+\d+s|Fired again at 10:01/.exec(textOf(c))?.[0])).toEqual([
      'Resolved after 45s',
      'Fired again at 10:01',
      'Resolved after 2m 15s',
    ]);
    expect(w.ledger.threadReplies().every((c) => !textOf(c).includes('<!here>'))).toBe(true);
    const [firing] = await w.watcher.alerts.firing();
    expect(firing).toMatchObject({ id: 'sales-queue:1', phase: 'firing', value: 9 });
  });

  it('a source that cannot be read for three polls is an alert of its own, posted once and resolved when figures return', async () => {
    const w = await world({ above: 5 });
    await w.poll(2);
    w.comm100.controls.fail({ kind: 'status', status: 503 });
    for (let i = 0; i < 5; i++) await w.poll(2);
    const posts = w.ledger.posts();
    expect(posts).toHaveLength(1);
    expect(textOf(posts[0]!)).toMatch(/EMEA: no figures since 10:01/);
    w.comm100.controls.clearFailures();
    await w.poll(2);
    expect(w.ledger.posts()).toHaveLength(1);
    const [update] = w.ledger.updates();
    expect(textOf(update!)).toContain('EMEA: figures are back');
    expect(textOf(w.ledger.threadReplies()[0]!)).toContain('Figures are back after 5m');
  });
});
