import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeSlack, SlackCall } from '../fakes/fake-slack.js';
import type { FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { startRedis, stopRedis } from '../support/redis-server.js';
import type { CliRun } from '../support/run-cli.js';
import { startBogotaWorld, stopBogotaWorld } from './bogota-bot.js';
import { portOf, replicaSet } from '../support/bot-replica.js';

// Three real bot processes share a Redis this test starts, stops, and starts again empty (as a
// server without persistence comes back). While it is down the queue passes its threshold: the
// first replica of the roster leads alone and posts once; once Redis is back and the queue falls,
// that same message is updated, and nothing is posted again.

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let redis: ChildProcess | undefined;
let redisPort: number;
let dir: string;
const bots = replicaSet(() => ({ dir, redisPort, slackApiUrl: slack.apiUrl }));

const waiting = (n: number) => [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: String(n) }];

beforeAll(async () => {
  ({ wolkvox, slack, redis, redisPort, dir } = await startBogotaWorld({
    alerts: `  - id: waiting-long
    metric: queue.waiting
    source: bogota
    above: 10
    channels: [ops]
`,
    skills: waiting(2),
  }));
});

afterAll(() => stopBogotaWorld(bots, { wolkvox, slack, redis }));

const LEADS = 'this replica is now the leader';
const ALONE = /it leads without Redis/;
const WROTE_BACK = 'wrote back the alert state it kept while leading without Redis';
const textOf = (call: SlackCall) => JSON.stringify(call.body);
/** Messages that start a thread in the channel (thread replies left out). */
const channelPosts = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OPS' && !c.body.thread_ts);
const output = (run: CliRun) => run.stdout() + run.stderr();

async function watcherLine(port: number): Promise<string | undefined> {
  const body = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { checks: Array<{ name: string; detail: string }> };
  return body.checks.find((c) => c.name === 'watcher')?.detail;
}

/** Resolves once the vendor has been asked for the queue `more` times since now (the leader's polls). */
async function polls(more: number): Promise<void> {
  const from = wolkvox.callCount('skills');
  await vi.waitFor(() => expect(wolkvox.callCount('skills')).toBeGreaterThanOrEqual(from + more), { timeout: 180_000, interval: 100 });
}

describe('three replicas through a Redis outage while an alert fires', () => {
  it('the first replica of the roster posts once while Redis is down, and its message is updated, not posted again, after Redis returns', async () => {
    const replicas = [bots.start(), bots.start(), bots.start()];
    const ports = await Promise.all(replicas.map(portOf));
    // Every replica has read a roster of all three before the outage, and one leads through Redis.
    await Promise.all(replicas.map((r) => r.waitFor('3 replicas share the vendor limits')));
    await Promise.any(replicas.map((r) => r.waitFor(LEADS)));
    try {
      await polls(1);
    } catch (error) {
      for (const r of replicas) process.stderr.write(`--- replica\n${output(r).split('\n').slice(-25).join('\n')}\n`);
      throw error;
    }

    await stopRedis(redis!);
    redis = undefined;
    const fromOutage = replicas.map((r) => output(r).length);

    // One replica, the first of the roster all three read, says it leads alone.
    const alone = await Promise.any(replicas.map((r, i) => r.waitFor(ALONE, 180_000).then(() => i)));
    expect(await watcherLine(ports[alone]!)).toMatch(/^leading without Redis/);

    wolkvox.setData('skills', waiting(14));
    const post = await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0OPS' && !c.body.thread_ts);
    const ts = post.answer?.ts;
    expect(ts).toBeTruthy();
    // Several more polls while Redis is still down: still one post, from one replica leading alone.
    await polls(4);
    expect(channelPosts()).toEqual([post]);
    const aloneLines = replicas.map((r, i) => output(r).slice(fromOutage[i]).match(new RegExp(ALONE, 'g'))?.length ?? 0);
    expect(aloneLines).toEqual(replicas.map((_, i) => (i === alone ? 1 : 0)));

    // Redis comes back empty: the replica that led alone writes its state back, message reference included.
    redis = await startRedis(redisPort);
    await replicas[alone]!.waitFor(WROTE_BACK, 180_000);
    await vi.waitFor(async () => expect(await watcherLine(ports[alone]!)).toMatch(/^leader;/), { timeout: 30_000, interval: 200 });

    // The queue falls: the message posted during the outage is resolved in place.
    wolkvox.setData('skills', waiting(2));
    const update = await slack.waitForCall((c) => c.method === 'chat.update' && c.body.ts === ts && /Resolved/.test(textOf(c)));
    expect(update.body.channel).toBe('C0OPS');
    // A few more polls through Redis: nothing posted again, by any replica.
    await polls(3);
    expect(channelPosts()).toEqual([post]);
    expect(slack.callsTo('chat.update').filter((c) => c.body.ts !== ts)).toEqual([]);
  }, 600_000); // A failure bound only: three real replicas on a loaded machine take minutes.
});
