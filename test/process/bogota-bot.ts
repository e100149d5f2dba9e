import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { SUPERVISOR } from '../fakes/slack-user.js';
import { startFakeWolkvox, type FakeWolkvox, type FakeWolkvoxOptions } from '../fakes/fake-wolkvox.js';
import { freePort, startRedis, stopRedis } from '../support/redis-server.js';
import { emptyDir } from '../support/run-cli.js';
import { PROCESS_TEST_SECRETS as S } from '../support/test-secrets.js';

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
