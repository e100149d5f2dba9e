import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack, SlackCall } from '../fakes/fake-slack.js';
import type { FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { startBogotaWorld, stopBogotaWorld } from './bogota-bot.js';
import { replicaSet } from '../support/bot-replica.js';

// Two real bot processes share a Redis while a queue saw-tooths around its threshold
// (9 → 1 → 9 → 1 → 9 around 5): the channel must get one alert, edited in place, not three.

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let redis: ChildProcess | undefined;
let redisPort: number;
let dir: string;
const bots = replicaSet(() => ({ dir, redisPort, slackApiUrl: slack.apiUrl }));

beforeAll(async () => {
  // The vendor's own limit: 2 simultaneous requests per token.
  ({ wolkvox, slack, redis, redisPort, dir } = await startBogotaWorld({
    alerts: `  - id: ventas-waiting
    metric: queue.waiting
    source: bogota
    above: 5
    severity: critical
    channels: [ops]
`,
  }));
  waiting(1);
});

afterAll(() => stopBogotaWorld(bots, { wolkvox, slack, redis }));

function waiting(n: number): void {
  wolkvox.setData('skills', [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: String(n) }]);
}

const textOf = (call: SlackCall) => JSON.stringify(call.body);
/** Posts that start a message in the channel (thread replies left out). */
const channelPosts = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OPS' && !c.body.thread_ts);
const threadLines = () => slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts);
/** The `n`-th edit of a message (1-based), once the bot has sent it. */
const nthUpdate = (n: number) => slack.waitForCall((c) => c.method === 'chat.update' && slack.callsTo('chat.update').indexOf(c) === n - 1);

describe('a queue saw-toothing around its threshold, watched by two replicas', () => {
  it('is one post with its mention, then the same message edited each time it resolves and fires again', async () => {
    const first = bots.start();
    await first.waitFor('this replica is now the leader');
    const second = bots.start();
    await second.waitFor('listening on port');

    waiting(9);
    const post = await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0OPS');
    expect(textOf(post)).toContain('<!here>');
    const ts = post.answer?.ts;

    waiting(1);
    expect(textOf(await nthUpdate(1))).toContain('Resolved');
    waiting(9);
    const reopened = await nthUpdate(2);
    expect(textOf(reopened)).toContain('Fired again');
    waiting(1);
    expect(textOf(await nthUpdate(3))).toContain('Resolved');
    waiting(9);
    // The poll that reopens the alert a second time is the one that would have posted a third alert.
    const last = await nthUpdate(4);
    expect(textOf(last)).toContain('twice');

    expect(channelPosts()).toHaveLength(1);
    expect(slack.callsTo('chat.update').every((c) => c.body.ts === ts)).toBe(true);
    expect(threadLines().every((c) => c.body.thread_ts === ts && !textOf(c).includes('<!here>'))).toBe(true);
    expect(threadLines().some((c) => /Fired again at/.test(textOf(c)))).toBe(true);
  });
});
