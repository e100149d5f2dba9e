import type { ChildProcess } from 'node:child_process';
import { startIpcWorker, type IpcWorker } from '../support/ipc-worker.js';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedisWatcherStore } from '../../src/watcher/store/redis-store.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { BOT_TOKEN, CHANNEL, REDIS_URL, connectRedis, deleteKeys, slackLedger, textOf, uniquePrefix } from './kit.js';
import { eventually } from '../support/eventually.js';
import type { ReplicaMessage } from './replica-worker.js';

const workerPath = fileURLToPath(new URL('./replica-worker.ts', import.meta.url));

/** One watcher replica (replica-worker.ts) and whether it last said it leads. */
interface Replica {
  worker: IpcWorker<{ cmd: 'exit' }, ReplicaMessage>;
  child: ChildProcess;
  leader: boolean;
}

async function startReplica(env: Record<string, string>): Promise<Replica> {
  const worker = await startIpcWorker<{ cmd: 'exit' }, ReplicaMessage>(workerPath, env);
  const replica: Replica = { worker, child: worker.child, leader: false };
  worker.onMessage((message) => {
    if (message.cmd === 'role') replica.leader = message.leader;
  });
  return replica;
}

describe('three watcher replicas on one Redis', () => {
  let comm100: FakeComm100;
  let slack: FakeSlack;
  let redis: Redis;
  const prefix = uniquePrefix('replicas');
  let replicas: Replica[] = [];

  beforeAll(async () => {
    comm100 = await startFakeComm100({ rateLimit: false });
    comm100.controls.setQueueWaiting('Sales', 0);
    slack = await startFakeSlack({ botToken: BOT_TOKEN, channels: [CHANNEL] });
    redis = connectRedis();
    const env = { REDIS_URL, PREFIX: prefix, COMM100_URL: comm100.url, SLACK_API_URL: slack.apiUrl };
    replicas = await Promise.all([startReplica(env), startReplica(env), startReplica(env)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.worker.stop()));
    await comm100.close();
    await slack.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });

  it('posts each alert exactly once through spikes, and loses or repeats none when the leader is killed', async () => {
    const ledger = slackLedger(slack);
    const store = createRedisWatcherStore({ redis, prefix });
    const alive = () => replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
    const leader = () => eventually(() => (alive().filter((r) => r.leader).length === 1 ? alive().find((r) => r.leader) : undefined), 'exactly one leader');
    const killLeader = async () => {
      const current = await leader();
      current.child.kill('SIGKILL');
      await current.worker.exited;
      current.leader = false;
    };
    const spike = async (n: number, options: { killWhilePostFails?: boolean; killWhileFiring?: boolean } = {}) => {
      if (options.killWhilePostFails) ledger.failNext(3, { kind: 'serverError', status: 500 }, 'chat.postMessage');
      const attemptsBefore = ledger.attempts('chat.postMessage').length;
      comm100.controls.setQueueWaiting('Sales', 9);
      if (options.killWhilePostFails) {
        // The alert is decided and sits in the outbox: Slack refused its first post.
        await eventually(() => ledger.attempts('chat.postMessage').length > attemptsBefore, 'a failed post attempt');
        await killLeader();
      }
      await eventually(() => ledger.posts().length === n, `post of alert ${n}`);
      await eventually(async () => (await store.pendingCount()) === 0, 'an empty outbox');
      if (options.killWhileFiring) await killLeader();
      comm100.controls.setQueueWaiting('Sales', 0);
      await eventually(() => ledger.updates().length === n, `resolution of alert ${n}`);
    };

    await leader();
    await spike(1);
    await spike(2, { killWhileFiring: true });
    await spike(3, { killWhilePostFails: true });
    await spike(4);
    // Three more polls reach the vendor (so the two before them were evaluated) and the outbox is empty: nothing is posted again.
    const polled = comm100.controls.calls('livechat/realTime/Queue');
    await eventually(() => comm100.controls.calls('livechat/realTime/Queue') >= polled + 3, 'three more polls');
    await eventually(async () => (await store.pendingCount()) === 0, 'an empty outbox');

    const posted = ledger.posts().map((c) => textOf(c).match(/alert (sales-queue:\d+)/)?.[1]);
    expect(posted).toEqual(['sales-queue:1', 'sales-queue:2', 'sales-queue:3', 'sales-queue:4']);
    const refs = await Promise.all(posted.map((id) => store.messageRefs(id!)));
    const updatedTs = ledger.updates().map((c) => c.body.ts);
    expect(updatedTs).toEqual(refs.map((r) => r[`slack:${CHANNEL}`]!.split('/')[1]));
    // One "Resolved after" line per alert at most: four spikes within seconds make the rule flap
    // (4 changes of state within 20 polls), and a flapping rule's thread lines wait.
    const threads = ledger.threadReplies().map((c) => c.body.thread_ts);
    expect(threads.length).toBeGreaterThan(0);
    expect(new Set(threads).size).toBe(threads.length);
    expect(threads.every((ts) => updatedTs.includes(ts))).toBe(true);
    expect(alive()).toHaveLength(1);
  }, 90_000);
});
