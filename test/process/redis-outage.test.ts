import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from '../fakes/fake-slack.js';
import type { FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { startRedis, stopRedis } from '../support/redis-server.js';
import type { CliRun } from '../support/run-cli.js';
import { startBogotaWorld, stopBogotaWorld } from './bogota-bot.js';
import { lateAnswer, slash } from '../fakes/slack-user.js';
import { portOf, replicaSet } from '../support/bot-replica.js';

// Two real bot processes share a Redis this test starts, stops and starts again.

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let redis: ChildProcess | undefined;
let redisPort: number;
let dir: string;
const bots = replicaSet(() => ({ dir, redisPort, slackApiUrl: slack.apiUrl }));

beforeAll(async () => {
  // The vendor's own limits: 2 simultaneous requests per token, answers that take a while.
  ({ wolkvox, slack, redis, redisPort, dir } = await startBogotaWorld({
    alerts: `  - metric: queue.waiting
    source: bogota
    above: 50
    channels: [ops]
`,
    wolkvox: { delayMs: 150 },
  }));
});

afterAll(() => stopBogotaWorld(bots, { wolkvox, slack, redis }));

interface Readiness {
  status: string;
  degraded?: string[];
  checks: Array<{ name: string; ok: boolean; detail: string }>;
}

async function readyz(port: number): Promise<{ code: number; body: Readiness }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { code: res.status, body: (await res.json()) as Readiness };
}

/** A command typed in Slack, and what the supervisor finally reads (the ack, or the late answer). */
async function ask(port: number, command: string, text: string, responseId: string): Promise<string> {
  const ack = await slash(port, slack, command, text, responseId);
  expect(ack.status).toBe(200);
  return /Looking/.test(ack.body) ? lateAnswer(slack, responseId) : ack.body;
}

/** warn and error lines a process logged after `from` characters of its output. */
function problemsSince(run: CliRun, from: number): string[] {
  return (run.stdout() + run.stderr())
    .slice(from)
    .split('\n')
    .filter((line) => /"level":(40|50)/.test(line))
    .flatMap((line) => {
      try {
        return [(JSON.parse(line) as { msg: string }).msg];
      } catch {
        return []; // a line still being written
      }
    });
}

describe('two replicas through a Redis outage', () => {
  it('keep answering and stay ready (degraded, with the reason), never exceed the vendor, and log each change once', async () => {
    const replicas = [bots.start(), bots.start()];
    const ports = await Promise.all(replicas.map(portOf));
    // Each replica is ready (its chart renderer loaded) and has seen the other before the outage.
    await Promise.all(replicas.map((r) => r.waitFor('chart renderer is loaded')));
    await Promise.all(replicas.map((r) => r.waitFor('2 replicas share the vendor limits')));
    for (const port of ports) {
      const before = await readyz(port);
      expect(before.code).toBe(200);
      expect(before.body.checks.find((c) => c.name === 'quota')?.detail).toBe('shared by 2 replicas');
    }

    await stopRedis(redis!);
    redis = undefined;
    const logFrom = replicas.map((r) => (r.stdout() + r.stderr()).length);
    wolkvox.resetCounters();

    // The outage is one log line, at the moment the replica's limits change.
    await Promise.all(replicas.map((r) => r.waitFor(/Redis is unreachable: this replica now takes its own part/)));
    for (const port of ports) {
      const seen = await readyz(port);
      expect(seen.code).toBe(200);
      expect(seen.body.status).toBe('ready');
      expect(seen.body.degraded!.join(' ')).toMatch(/Redis is unreachable: this replica takes its part .* \(1 of 2 replicas seen before\)/);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/chatops_readiness_degraded\{check="redis"\} 1/);
    }

    // Supervisors keep asking on both replicas, several at once.
    const answers = await Promise.all(
      ports.flatMap((port, r) => [ask(port, '/agents', '', `agents-${r}`), ask(port, '/queue', '', `queue-${r}`), ask(port, '/today', '', `today-${r}`)]),
    );
    for (const answer of answers) expect(answer).not.toMatch(/Something went wrong/);
    expect(answers.join(' ')).toMatch(/Agents|agents/);
    expect(wolkvox.state.maxConcurrencySeen).toBeLessThanOrEqual(2);
    expect(wolkvox.state.calls.filter((c) => c.status === 403)).toEqual([]);

    // Several polls went by on the leader during the outage: still one line per state change.
    for (const [i, run] of replicas.entries()) {
      const lines = problemsSince(run, logFrom[i]!);
      const repeated = lines.filter((msg, at) => lines.indexOf(msg) !== at);
      expect(repeated).toEqual([]);
    }

    redis = await startRedis(redisPort);
    // Back to shared limits, and the fresh Redis learns both replicas again.
    await Promise.all(replicas.map((r) => r.waitFor(/Redis is back[\s\S]*2 replicas share the vendor limits/)));
    for (const port of ports) {
      const back = await readyz(port);
      expect(back.code).toBe(200);
      expect(back.body.checks.find((c) => c.name === 'quota')?.detail).toBe('shared by 2 replicas');
    }
  });
});
