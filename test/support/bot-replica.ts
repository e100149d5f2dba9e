import { eventually } from './eventually.js';
import { cleanEnv, runCli, type CliRun } from './run-cli.js';
import { PROCESS_TEST_SECRETS as S } from './test-secrets.js';

/**
 * Where one `chatops start` replica runs: its folder (with chatops.yaml), how it finds Redis,
 * and where its Slack is. Tests and benches start the bot only through this file.
 */
export interface ReplicaPlace {
  dir: string;
  /** The one Redis server at this port (REDIS_URL). */
  redisPort?: number;
  /** Or the variables that name Redis otherwise (REDIS_SENTINELS…); neither: no Redis. */
  redisEnv?: Record<string, string>;
  /** The fake Slack's Web API (SLACK_API_URL); without it Slack is off. */
  slackApiUrl?: string;
  /** More variables, set last (PORT, PUBLIC_URL, NODE_ENV…). */
  env?: Record<string, string>;
}

/**
 * `chatops start` in `place.dir` as one replica: any free port, Redis as the place says, the
 * process-test secrets (PROCESS_TEST_SECRETS) and Slack pointed at the fake.
 */
export function startReplica({ dir, redisPort, redisEnv, slackApiUrl, env }: ReplicaPlace): CliRun {
  const redis: Record<string, string> = redisEnv ?? (redisPort === undefined ? {} : { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  const slack: Record<string, string> =
    slackApiUrl === undefined ? {} : { SLACK_SIGNING_SECRET: S.slackSigningSecret, SLACK_BOT_TOKEN: S.slackBotToken, SLACK_API_URL: slackApiUrl };
  return runCli(['start'], {
    cwd: dir,
    env: cleanEnv({ PORT: '0', LOG_LEVEL: 'info', WOLKVOX_TOKEN: S.wolkvoxToken, ...redis, ...slack, ...env }),
  });
}

/** The replicas a test starts (each by `startReplica`, in what `where` says), killed together at the end. */
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

/** What GET /readyz answers at `port` (status and body; status 0 when nothing answers). */
export async function readyz(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  } catch {
    return { status: 0, body: {} };
  }
}

/** The replica's port once /readyz says 200, as a load balancer would wait before sending it traffic. */
export async function readyPort(run: CliRun): Promise<number> {
  const port = await portOf(run);
  await eventually(async () => (await readyz(port)).status === 200, `the replica on port ${port} to be ready`, { everyMs: 50 });
  return port;
}
