import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeWolkvox, type FakeWolkvox, type FakeWolkvoxOptions } from '../fakes/fake-wolkvox.js';
import { freePort, startRedis, stopRedis } from '../support/redis-server.js';
import { cleanEnv, emptyDir, runCli, type CliRun } from '../support/run-cli.js';
import { PROCESS_TEST_SECRETS as S } from '../support/test-secrets.js';

/** The supervisor the process tests' configuration names. */
export const SUPERVISOR = 'U0SUPER1';

/**
 * Writes `dir/chatops.yaml` for one wolkvox source "bogota" against the fake at `wolkvoxUrl`
 * (token from WOLKVOX_TOKEN, skill 101) with SUPERVISOR as supervisor; `sourceLines` are added
 * to the source (e.g. `timeout: 10s`), `rest` after the access section (channels, alerts…).
 */
export function writeBogotaConfig(dir: string, wolkvoxUrl: string, options: { sourceLines: string[]; rest: string }): void {
  writeFileSync(
    join(dir, 'chatops.yaml'),
    `sources:
  bogota:
    vendor: wolkvox
    server: "0032"
    token: \${WOLKVOX_TOKEN}
    baseUrl: ${wolkvoxUrl}
    timeZone: America/Bogota
    licenses: 2
    skills: [101]
${options.sourceLines.map((line) => `    ${line}\n`).join('')}access:
  supervisors:
    slackUsers: [${SUPERVISOR}]
${options.rest}`,
  );
}

/** SUPERVISOR (or `userId`) types `command text` in Slack: a signed slash command to the bot; the ack as it came. */
export async function slash(
  port: number,
  slack: FakeSlack,
  command: string,
  text: string,
  responseId: string,
  userId = SUPERVISOR,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({
    command,
    text,
    user_id: userId,
    user_name: 'sup',
    channel_id: 'C0OPS',
    team_id: 'T0TEAM',
    response_url: slack.responseUrl(responseId),
    trigger_id: '1.2.3',
  }).toString();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body, headers: signSlackRequest(S.slackSigningSecret, body) });
  return { status: res.status, body: await res.text() };
}

/** The answer that replaces "Looking…" through the response_url (progress updates skipped). */
export async function lateAnswer(slack: FakeSlack, responseId: string): Promise<string> {
  const late = await slack.waitForResponse((p) => p.id === responseId && !String(p.body.text).startsWith('Looking…'));
  return JSON.stringify(late.body);
}

/** Where a replica finds Redis: the one server at `redisPort`, or the variables in `redisEnv` (REDIS_SENTINELS...). */
export interface ReplicaPlace {
  dir: string;
  redisPort?: number;
  redisEnv?: Record<string, string>;
  slack: FakeSlack;
  /** More variables, set last (PORT, PUBLIC_URL…). */
  env?: Record<string, string>;
}

/**
 * `chatops start` in `dir` (its chatops.yaml) as one replica: any free port, the shared Redis at
 * `redisPort` (or as `redisEnv` says), the test secrets, Slack pointed at the fake.
 */
function startReplica({ dir, redisPort, redisEnv, slack, env }: ReplicaPlace): CliRun {
  return runCli(['start'], {
    cwd: dir,
    env: cleanEnv({
      PORT: '0',
      LOG_LEVEL: 'info',
      ...(redisEnv ?? { REDIS_URL: `redis://127.0.0.1:${redisPort}` }),
      WOLKVOX_TOKEN: S.wolkvoxToken,
      SLACK_SIGNING_SECRET: S.slackSigningSecret,
      SLACK_BOT_TOKEN: S.slackBotToken,
      SLACK_API_URL: slack.apiUrl,
      ...env,
    }),
  });
}

/** The replicas a process test starts (each by `startReplica`, in what `where` says), killed together at the end. */
export function replicaSet(where: () => ReplicaPlace): { start(): CliRun; kill(): Promise<void> } {
  const runs: CliRun[] = [];
  return {
    start() {
      const run = startReplica(where());
      runs.push(run);
      return run;
    },
    async kill() {
      for (const run of runs) run.child.kill('SIGKILL');
      await Promise.all(runs.map((run) => run.exited));
    },
  };
}

/** The HTTP port a replica started with `PORT=0` says it listens on. */
export async function portOf(run: CliRun): Promise<number> {
  await run.waitFor(/listening on port (\d+)/);
  return Number(/listening on port (\d+)/.exec(run.stdout() + run.stderr())![1]);
}

/** What a process test runs against: the fake vendor and Slack, its own Redis server, the config's folder. */
export interface BogotaWorld {
  wolkvox: FakeWolkvox;
  slack: FakeSlack;
  redis: ChildProcess | undefined;
  redisPort: number;
  dir: string;
}

/**
 * Starts the fakes (wolkvox with its limit of 2 simultaneous requests, Slack with channel
 * C0OPS), a Redis server of the test's own on a free port, and writes the bogota config polling
 * every 2 s with `alerts` (YAML list items) posting to `ops`.
 *
 * @example
 *   ({ wolkvox, slack, redis, redisPort, dir } = await startBogotaWorld({ alerts: '  - metric: queue.waiting\n    …' }));
 */
export async function startBogotaWorld(options: { alerts: string; wolkvox?: FakeWolkvoxOptions; skills?: unknown[] }): Promise<BogotaWorld> {
  const wolkvox = await startFakeWolkvox({ token: S.wolkvoxToken, maxConcurrent: 2, ...options.wolkvox });
  if (options.skills) wolkvox.setData('skills', options.skills);
  const slack = await startFakeSlack({ botToken: S.slackBotToken, channels: ['C0OPS'] });
  const redisPort = await freePort();
  const redis = await startRedis(redisPort);
  const dir = emptyDir();
  writeBogotaConfig(dir, wolkvox.url, { sourceLines: ['poll: "*/2 * * * * *"'], rest: `channels:\n  ops: slack:C0OPS\nalerts:\n${options.alerts}` });
  return { wolkvox, slack, redis, redisPort, dir };
}

/** Kills the replicas, then stops what startBogotaWorld started (the Redis server the test has now, if any). */
export async function stopBogotaWorld(bots: { kill(): Promise<void> }, world: Partial<BogotaWorld>): Promise<void> {
  await bots.kill();
  if (world.redis) await stopRedis(world.redis);
  await world.wolkvox?.close();
  await world.slack?.close();
}
