import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { startSentinelSet, stopRedis, type SentinelSet } from '../support/redis-topologies.js';
import { emptyDir, type CliRun } from '../support/run-cli.js';
import { PROCESS_TEST_SECRETS as S } from '../support/test-secrets.js';
import { writeBogotaConfig } from './bogota-bot.js';
import { lateAnswer, slash } from '../fakes/slack-user.js';
import { portOf, replicaSet } from '../support/bot-replica.js';
import { eventually } from '../support/eventually.js';

// Two real bot processes find Redis through three sentinels (REDIS_SENTINELS). Under a steady
// stream of Slack commands on both, the queue crosses its threshold and the master is SIGKILLed:
// the sentinels promote the replica, the bots follow it, nearly every command is answered
// (from the cache, marked with its age, while Redis is away), the alert is posted once, and both
// replicas are ready, not degraded, sharing the limits again on the new master.

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let set: SentinelSet;
let dir: string;
const bots = replicaSet(() => ({
  dir,
  slackApiUrl: slack.apiUrl,
  redisEnv: { REDIS_SENTINELS: set.sentinels.map((s) => `${s.host}:${s.port}`).join(','), REDIS_SENTINEL_NAME: set.name },
}));

const waiting = (n: number) => [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: String(n) }];

beforeAll(async () => {
  wolkvox = await startFakeWolkvox({ token: S.wolkvoxToken, maxConcurrent: 2, delayMs: 50 });
  wolkvox.setData('skills', waiting(2));
  slack = await startFakeSlack({ botToken: S.slackBotToken, channels: ['C0OPS'] });
  set = await startSentinelSet({ downAfterMs: 1_000 });
  dir = emptyDir();
  writeBogotaConfig(dir, wolkvox.url, {
    sourceLines: ['poll: "*/2 * * * * *"'],
    rest: `channels:
  ops: slack:C0OPS
alerts:
  - id: waiting-long
    metric: queue.waiting
    source: bogota
    above: 10
    channels: [ops]
`,
  });
});

afterAll(async () => {
  await bots.kill();
  await set?.stop();
  await wolkvox?.close();
  await slack?.close();
});

const output = (run: CliRun) => run.stdout() + run.stderr();
const channelPosts = () => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0OPS' && !c.body.thread_ts);

interface Readiness {
  status: string;
  degraded?: string[];
  checks: Array<{ name: string; ok: boolean; detail: string }>;
}

async function readyz(port: number): Promise<Readiness> {
  return (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as Readiness;
}

/** Ready, nothing degraded, and the quota shared by both replicas again. */
async function backToNormal(port: number): Promise<boolean> {
  const body = await readyz(port).catch(() => undefined);
  return body?.status === 'ready' && !body.degraded && body.checks.find((c) => c.name === 'quota')?.detail === 'shared by 2 replicas';
}

/** Resolves once the vendor has been asked for the queue `more` times since now (the leader's polls). */
async function polls(more: number): Promise<void> {
  const from = wolkvox.callCount('skills');
  await vi.waitFor(() => expect(wolkvox.callCount('skills')).toBeGreaterThanOrEqual(from + more), { timeout: 180_000, interval: 100 });
}

interface Outcome {
  sentAt: number;
  kind: 'answered' | 'busy' | 'failed';
  text: string;
}

/**
 * Supervisors asking without pause on one replica (one command after the other) until `stop`:
 * what each command finally said, and when it was sent.
 */
function askWithoutPause(port: number, label: string, stop: AbortSignal, outcomes: Outcome[]): Promise<void> {
  return (async () => {
    for (let i = 0; !stop.aborted; i++) {
      const id = `${label}-${i}`;
      const sentAt = performance.now();
      const command = i % 2 === 0 ? '/queue' : '/agents';
      let text: string;
      try {
        const ack = await slash(port, slack, command, '', id);
        text = ack.status === 200 ? (/Looking/.test(ack.body) ? await lateAnswer(slack, id) : ack.body) : `HTTP ${ack.status}`;
      } catch (error) {
        text = `no answer: ${(error as Error).message}`;
      }
      const kind = /is busy with other requests/.test(text) ? 'busy' : /Something went wrong|no answer:|HTTP \d/.test(text) ? 'failed' : 'answered';
      outcomes.push({ sentAt, kind, text });
    }
  })();
}

describe('two replicas through a Sentinel failover under load', () => {
  it('follow the promoted replica: nearly every command answered, the alert posted once, both ready and sharing again', async () => {
    const replicas = [bots.start(), bots.start()];
    const ports = await Promise.all(replicas.map(portOf));
    await Promise.all(replicas.map((r) => r.waitFor('chart renderer is loaded')));
    await Promise.all(replicas.map((r) => r.waitFor('2 replicas share the vendor limits')));
    await Promise.any(replicas.map((r) => r.waitFor('this replica is now the leader')));
    const oldMaster = await set.masterPort();
    for (const port of ports) expect(await backToNormal(port)).toBe(true);
    await polls(1);

    // Supervisors ask on both replicas, two at a time on each, for the whole failover.
    const stopLoad = new AbortController();
    const outcomes: Outcome[] = [];
    const load = ports.flatMap((port, r) => [0, 1].map((k) => askWithoutPause(port, `r${r}-${k}`, stopLoad.signal, outcomes)));
    await vi.waitFor(() => expect(outcomes.length).toBeGreaterThanOrEqual(8), { timeout: 180_000, interval: 50 });

    // The queue crosses its threshold, and the master dies at once.
    wolkvox.setData('skills', waiting(14));
    const killedAt = performance.now();
    const logFrom = replicas.map((r) => output(r).length);
    await stopRedis(set.servers.get(oldMaster)!);

    // The sentinels promote the replica.
    let newMaster = oldMaster;
    await vi.waitFor(
      async () => {
        newMaster = await set.masterPort();
        expect(newMaster).not.toBe(oldMaster);
      },
      { timeout: 180_000, interval: 100 },
    );
    const promotedAt = performance.now();
    const promotedWall = Date.now();

    // Both replicas are back to normal on the new master.
    await vi
      .waitFor(
        async () => {
          for (const port of ports) expect(await backToNormal(port)).toBe(true);
        },
        { timeout: 240_000, interval: 200 },
      )
      .catch(async (error: unknown) => {
        // What each replica said of itself when it did not come back: the failure's first clue.
        for (const port of ports) process.stderr.write(`--- /readyz of ${port}: ${JSON.stringify(await readyz(port).catch((e: Error) => e.message))}\n`);
        throw error;
      });
    const normalAt = performance.now();
    // Each replica went through the outage the way it goes through any (its own part of the
    // limits, said once) and came back to the shared limits by itself.
    // The log is written asynchronously: /readyz can say normal before the line is in the pipe.
    for (const [i, run] of replicas.entries()) {
      const since = await eventually(() => {
        const text = output(run).slice(logFrom[i]);
        return /Redis is back: quota limits are shared across replicas again/.test(text) && text;
      }, `replica ${i} to log that Redis is back`);
      expect(since).toMatch(/Redis is unreachable: this replica now takes its own part of each token's limits \(1 of 2 replicas\)/);
    }

    // The alert: one post, and still one after several more polls.
    const post = await slack.waitForCall((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0OPS' && !c.body.thread_ts);
    await polls(4);
    stopLoad.abort();
    await Promise.all(load);
    expect(channelPosts()).toEqual([post]);

    // The bots' keys are on the new master: the roster beaten since the promotion, the alert, the lease.
    const master = new Redis(newMaster, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      const roster = await master.zrange('chatops:quota:replicas', 0, -1, 'WITHSCORES');
      expect(roster.length).toBe(4);
      expect(Number(roster[1])).toBeGreaterThan(promotedWall);
      expect(Number(roster[3])).toBeGreaterThan(promotedWall);
      expect(await master.keys('chatops:{watch}:alert:waiting-long*')).not.toEqual([]);
      expect(await master.exists('mutex:chatops:{watch}:leader')).toBe(1);
    } finally {
      master.disconnect();
    }

    // Commands sent from the kill until both replicas were back to normal.
    const during = outcomes.filter((o) => o.sentAt >= killedAt && o.sentAt <= normalAt);
    const answered = during.filter((o) => o.kind === 'answered').length;
    const busy = during.filter((o) => o.kind === 'busy').length;
    const failed = during.filter((o) => o.kind === 'failed');
    const figures = {
      promotionMs: Math.round(promotedAt - killedAt),
      normalAfterPromotionMs: Math.round(normalAt - promotedAt),
      commandsDuringFailover: during.length,
      answered,
      busy,
      failed: failed.length,
      answeredShare: during.length ? Math.round((1000 * answered) / during.length) / 10 : 100,
      commandsInAll: outcomes.length,
    };
    console.log(`sentinel failover figures: ${JSON.stringify(figures)}`);
    expect(during.length).toBeGreaterThan(0);
    expect(failed.map((o) => o.text)).toEqual([]);
    expect(answered / during.length).toBeGreaterThanOrEqual(0.9);
  }, 600_000); // A failure bound only: three real replicas on a loaded machine take minutes.
});
