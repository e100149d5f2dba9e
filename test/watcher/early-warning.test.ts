import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createMemoryHistory, type History } from '../../src/history/index.js';
import { silentLogger } from '../../src/log/logger.js';
import { createWatcher, type Watcher } from '../../src/watcher/create-watcher.js';
import { DEFAULT_TUNING } from '../../src/watcher/evaluate/early-warning.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
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
import { eventually } from '../support/eventually.js';

// Monday 23 November 2026, 10:00 in London.
const MONDAY_10AM = '2026-11-23T10:00:00.000Z';
const MINUTE = 60_000;

interface World {
  watcher: Watcher;
  ledger: ReturnType<typeof slackLedger>;
  /** Sets the Sales queue, runs one poll at the current clock (its messages delivered), then moves the clock on (a minute unless told). */
  poll(waiting: number, thenAdvanceMs?: number): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function world(rule: Record<string, unknown>, history?: History): Promise<World> {
  const comm100: FakeComm100 = await startFakeComm100({ rateLimit: false });
  const slack: FakeSlack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [CHANNEL] });
  const redis: Redis = connectRedis();
  const prefix = uniquePrefix('early');
  const clock = manualClock(MONDAY_10AM);
  const config = configWith({ alerts: [{ id: 'sales-queue', metric: 'queue.waiting', source: 'emea', queue: 'Sales', channels: ['ops'], ...rule }] });
  const watcher = createWatcher({
    config,
    sources: [comm100Source(comm100)],
    platforms: [slackPlatform(slack)],
    redis,
    prefix,
    logger: silentLogger(),
    now: clock.now,
    schedule: { pollIntervalMs: 3_600_000 },
    history,
  });
  await watcher.start();
  cleanups.push(async () => {
    await watcher.stop();
    await comm100.close();
    await slack.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });
  const ledger = slackLedger(slack);
  return {
    watcher,
    ledger,
    async poll(waiting, thenAdvanceMs = MINUTE) {
      comm100.controls.setQueueWaiting('Sales', waiting, { waitSeconds: Array.from({ length: waiting }, () => 90) });
      await watcher.pollOnce();
      clock.advance(thenAdvanceMs);
    },
  };
}

describe('early warnings (forecast: 15m)', () => {
  it('warns when the trend will pass the threshold within the horizon, updates in place, and links the real alert to it', async () => {
    const w = await world({ above: 10, forecast: '15m' });
    for (const waiting of [1, 2, 3]) await w.poll(waiting);
    expect(w.ledger.posts()).toHaveLength(0);
    await w.poll(4);
    const [warning] = await eventually(() => (w.ledger.posts().length === 1 ? w.ledger.posts() : undefined), 'the early warning');
    expect(textOf(warning!)).toContain('Sales: chats waiting will pass 10 in about 6 min at this rate');
    expect(textOf(warning!)).not.toContain('<!here>');

    await w.poll(5);
    const moved = await eventually(() => w.ledger.updates().at(-1), 'the warning updated');
    expect(textOf(moved)).toContain('in about 5 min');
    expect(w.ledger.posts()).toHaveLength(1);

    for (const waiting of [6, 7, 8, 9]) await w.poll(waiting);
    expect(w.ledger.posts()).toHaveLength(1);
    await w.poll(11);
    const posts = await eventually(() => (w.ledger.posts().length === 2 ? w.ledger.posts() : undefined), 'the real alert');
    const alert = posts[1]!;
    expect(textOf(alert)).toContain('foreseen by early warning sales-queue:early-1');
    expect(textOf(alert)).toContain('*Early warning*\\n10:03, 6m ahead');
    const cameTrue = w.ledger.updates().filter((u) => textOf(u).includes('Early warning came true'));
    expect(cameTrue).toHaveLength(1);
    expect(textOf(cameTrue[0]!)).toContain('alert sales-queue:1 fired at 10:09');
  });

  it('resolves the warning in place when the trend clears, and posts nothing else', async () => {
    const w = await world({ above: 10, forecast: '15m' });
    for (const waiting of [1, 2, 3, 4]) await w.poll(waiting);
    await eventually(() => w.ledger.posts().length === 1, 'the early warning');
    for (const waiting of [3, 2, 1]) await w.poll(waiting);
    // A dip of a few minutes does not clear it: the warning holds a while after the trend last pointed up.
    expect(w.ledger.updates().some((u) => textOf(u).includes('Early warning cleared'))).toBe(false);
    await w.poll(1, DEFAULT_TUNING.holdMs);
    await w.poll(1);
    const cleared = await eventually(() => w.ledger.updates().find((u) => textOf(u).includes('Early warning cleared')), 'the warning cleared');
    expect(textOf(cleared)).toContain('no longer points past 10');
    expect(w.ledger.posts()).toHaveLength(1);
  });

  it('reads the trend from history when there is one: a backfilled rise warns on the first poll', async () => {
    const history = createMemoryHistory();
    const start = Date.parse(MONDAY_10AM);
    for (const [minutesAgo, waiting] of [
      [4, 1],
      [3, 2],
      [2, 3],
      [1, 4],
    ] as const) {
      await history.record('emea', 'Sales', new Date(start - minutesAgo * MINUTE), { 'queue.waiting': waiting });
    }
    const w = await world({ above: 10, forecast: '15m' }, history);
    await w.poll(5);
    const [warning] = w.ledger.posts();
    expect(textOf(warning!)).toContain('Sales: chats waiting will pass 10 in about 5 min at this rate');
  });

  it('does not warn of a rise at an hour the queue was calm on the past days history holds, and does where it was busy', async () => {
    const start = Date.parse(MONDAY_10AM);
    const calm = createMemoryHistory();
    const busy = createMemoryHistory();
    for (let day = 1; day <= 7; day++) {
      for (let minutes = -30; minutes <= 30; minutes += 5) {
        const at = new Date(start - day * 86_400_000 + minutes * MINUTE);
        await calm.record('emea', 'Sales', at, { 'queue.waiting': 2 });
        await busy.record('emea', 'Sales', at, { 'queue.waiting': minutes === 0 ? 14 : 2 });
      }
    }
    const quiet = await world({ above: 10, forecast: '15m' }, calm);
    for (const waiting of [1, 2, 3, 4, 5, 6]) await quiet.poll(waiting);
    expect(quiet.ledger.posts()).toHaveLength(0);

    const warned = await world({ above: 10, forecast: '15m' }, busy);
    for (const waiting of [1, 2, 3, 4]) await warned.poll(waiting);
    const [warning] = await eventually(() => (warned.ledger.posts().length === 1 ? warned.ledger.posts() : undefined), 'the early warning');
    expect(textOf(warning!)).toContain('Sales: chats waiting will pass 10');
  });

  it('a rule without forecast never warns ahead', async () => {
    const w = await world({ above: 10 });
    for (const waiting of [1, 2, 3, 4, 5, 6]) await w.poll(waiting);
    expect(w.ledger.posts()).toHaveLength(0);
  });
});
