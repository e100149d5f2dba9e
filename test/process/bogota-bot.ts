import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { signSlackRequest, startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeWolkvox, type FakeWolkvox, type FakeWolkvoxOptions } from '../fakes/fake-wolkvox.js';
import { freePort, startRedis, stopRedis } from '../support/redis-server.js';
import { emptyDir } from '../support/run-cli.js';
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
