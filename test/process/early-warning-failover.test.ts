import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_QUEUES, createRedisHistory } from '../../src/history/index.js';
import type { FakeSlack, SlackCall } from '../fakes/fake-slack.js';
import type { FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { startBogotaWorld, stopBogotaWorld } from './bogota-bot.js';
import { replicaSet } from '../support/bot-replica.js';

// Two real bot processes share a Redis; the one leading the watcher is killed between the early
// warning and the alert it foresaw. The supervisor's channel must read as if nothing happened:
// one warning, one alert that names it, the warning marked as come true.

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let redis: ChildProcess | undefined;
let redisPort: number;
let dir: string;
const bots = replicaSet(() => ({ dir, redisPort, slackApiUrl: slack.apiUrl }));
const MINUTE = 60_000;

beforeAll(async () => {
  ({ wolkvox, slack, redis, redisPort, dir } = await startBogotaWorld({
    alerts: `  - id: waiting-long
    metric: queue.waiting
    source: bogota
    above: 10
    forecast: 15m
    channels: [ops]
`,
    skills: [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: '2' }],
  }));
  // The four minutes before the test, as the leader would have recorded them: the queue is rising.
  const client = new Redis(redisPort, '127.0.0.1');
  const history = createRedisHistory({ redis: client, prefix: 'chatops' });
  const now = Date.now();
  for (const [minutesAgo, waiting] of [
    [4, 2],
    [3, 4],
    [2, 6],
    [1, 8],
  ] as const) {
    await history.record('bogota', ALL_QUEUES, new Date(now - minutesAgo * MINUTE), { 'queue.waiting': waiting });
  }
  client.disconnect();
});

afterAll(() => stopBogotaWorld(bots, { wolkvox, slack, redis }));

const LEADS = 'this replica is now the leader';
const textOf = (call: SlackCall) => JSON.stringify(call.body);
/** Posts that start a message in the channel (thread replies left out). */
const channelPosts = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OPS' && !c.body.thread_ts);

describe('an early warning through a change of leader', () => {
  it('warns once, and the alert it foresaw names it after the leader that posted it was killed', async () => {
    const first = bots.start();
    await first.waitFor(LEADS);
    const second = bots.start();
    await second.waitFor('listening on port');

    // The queue keeps rising: 9 waiting, and the trend passes 10 within the 15-minute horizon.
    wolkvox.setData('skills', [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: '9' }]);
    const warning = await slack.waitForCall((c) => c.method === 'chat.postMessage' && /will pass 10 in about \d+ min/.test(textOf(c)));
    const warningTs = warning.answer?.ts;
    expect(warningTs).toBeTruthy();

    // The replica that posted it dies without a word; the other takes the watch over.
    first.child.kill('SIGKILL');
    await first.exited;
    await second.waitFor(LEADS, 60_000);

    wolkvox.setData('skills', [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: '12' }]);
    const alert = await slack.waitForCall((c) => c.method === 'chat.postMessage' && /foreseen by early warning waiting-long:early-1/.test(textOf(c)));
    const cameTrue = await slack.waitForCall((c) => c.method === 'chat.update' && c.body.ts === warningTs && /Early warning came true/.test(textOf(c)));

    expect(textOf(cameTrue)).toContain('alert waiting-long:1 fired');
    // One warning and one alert in the channel: neither replica posted either twice.
    expect(channelPosts().map((c) => (c === warning ? 'warning' : c === alert ? 'alert' : textOf(c)))).toEqual(['warning', 'alert']);
  });
});
