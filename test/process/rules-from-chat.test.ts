import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack, SlackCall } from '../fakes/fake-slack.js';
import type { FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { startBogotaWorld, stopBogotaWorld } from './bogota-bot.js';
import { lateAnswer, slash } from '../fakes/slack-user.js';
import { portOf, replicaSet } from '../support/bot-replica.js';

// Two real bot processes share a Redis; a supervisor tunes a rule from Slack on one of them and
// the watcher (whichever replica leads) applies it at its next poll, no restart.

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let redis: ChildProcess | undefined;
let redisPort: number;
let dir: string;
const bots = replicaSet(() => ({ dir, redisPort, slackApiUrl: slack.apiUrl }));

beforeAll(async () => {
  ({ wolkvox, slack, redis, redisPort, dir } = await startBogotaWorld({
    alerts: `  - id: bogota-queue
    metric: queue.waiting
    source: bogota
    above: 10
    channels: [ops]
`,
    skills: [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: '7' }],
  }));
});

afterAll(() => stopBogotaWorld(bots, { wolkvox, slack, redis }));

const textOf = (call: SlackCall) => JSON.stringify(call.body);
const channelPosts = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OPS' && !c.body.thread_ts);
/** What the bot answered a slash command: the immediate acknowledgement, or the answer that followed through response_url. */
async function answerOf(port: number, text: string, id: string, userId?: string): Promise<string> {
  const ack = await slash(port, slack, '/alerts', text, id, userId);
  expect(ack.status).toBe(200);
  return ack.body.includes('Looking') || ack.body === '' ? lateAnswer(slack, id) : ack.body;
}

describe('a rule tuned from Slack, with two replicas', () => {
  it("refuses a non-editor, applies a supervisor's change at the next poll with an announcement, and undoes it", async () => {
    const first = bots.start();
    await first.waitFor('this replica is now the leader');
    const second = bots.start();
    const [port1, port2] = [await portOf(first), await portOf(second)];
    const refused = await answerOf(port1, 'set bogota-queue above 5', 'r-refused', 'U0NOTSUP1');
    expect(refused).toContain('Changing alert rules is for rule editors');

    const changed = await answerOf(port2, 'set bogota-queue above 5', 'r-set');
    expect(changed).toContain('Changed bogota-queue: above 10');
    const announced = await slack.waitForCall((c) => c.method === 'chat.postMessage' && textOf(c).includes('changed bogota-queue: above 10 → 5'));
    expect(textOf(announced)).toContain('/alerts undo bogota-queue');
    const alert = await slack.waitForCall((c) => c.method === 'chat.postMessage' && textOf(c).includes('alert bogota-queue:1'));
    expect(textOf(alert)).toContain('above 5');

    const undone = await answerOf(port1, 'undo bogota-queue', 'r-undo');
    expect(undone).toContain('undo: above 5 → 10');
    const resolved = await slack.waitForCall((c) => c.method === 'chat.update' && textOf(c).includes('Resolved') && textOf(c).includes('alert bogota-queue:1'));
    expect(resolved.body.ts).toBe(alert.answer?.ts);
    // One announcement per change, one alert post: nothing was refused into a change.
    expect(
      channelPosts()
        .filter((c) => /changed bogota-queue/.test(textOf(c)))
        .map((c) => /changed bogota-queue: (.*?): Over/.exec(textOf(c))?.[1]),
    ).toEqual(['above 10 → 5', 'undo: above 5 → 10']);
    expect(channelPosts().filter((c) => textOf(c).includes('alert bogota-queue:'))).toHaveLength(1);
  });
});
