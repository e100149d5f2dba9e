/**
 * Vendor economy through a Sentinel failover: the supervisors' load of vendor-economy's first
 * (shared-Redis) phase, on two real bot replicas that find Redis through three sentinels, with
 * the Sentinel master SIGKILLed in the middle of it.
 *
 *   npx tsx bench/vendor-economy-failover.ts [--supervisors 20] [--latency 300] [--kill-after 2]
 *
 * Two `chatops start` processes (test/process/bogota-bot.ts's replicaSet, REDIS_SENTINELS and
 * REDIS_SENTINEL_NAME) use a master, a replica and three sentinels (test/support/redis-topologies.ts,
 * down-after 1 s) and one fake wolkvox (2 simultaneous requests per token, every answer delayed
 * by --latency ms). Rounds:
 *   A. shared: the supervisors each run vendor-economy's phase-1 script once
 *      (/queue, /agents, /today, /handoffs, a lookup that hits, one that misses, /queue), master up;
 *   B. failover: the supervisors run the same script in a loop (lookups of other days and ids);
 *      --kill-after s in, the master is SIGKILLed; the loop stops once both replicas' /readyz are
 *      normal again (ready, not degraded, quota shared by 2 replicas) and each supervisor has
 *      finished one more pass.
 * Per round: vendor requests (and per command, round B against round A), most simultaneous
 * requests (limit 2), 403s; for B: promotion time (kill until the sentinels name the replica),
 * commands sent from the kill until both replicas were normal, answered / busy / failed, and
 * the time from the promotion until both /readyz are normal.
 * Round B runs after A on the same bots: /today, /handoffs and the day reports A read may still
 * be cached, so B's requests per command are a lower figure than a cold start's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { startFakeSlack } from '../test/fakes/fake-slack.js';
import { startFakeWolkvox, type FakeRequest, type FakeWolkvox } from '../test/fakes/fake-wolkvox.js';
import { startSentinelSet, stopRedis, type SentinelSet } from '../test/support/redis-topologies.js';
import { emptyDir } from '../test/support/run-cli.js';
import { eventually } from '../test/support/eventually.js';
import { PROCESS_TEST_SECRETS as S } from '../test/support/test-secrets.js';
import { lateAnswer, slash } from '../test/fakes/slack-user.js';
import { portOf, replicaSet } from '../test/support/bot-replica.js';

const { values: args } = parseArgs({
  options: {
    supervisors: { type: 'string', default: '20' },
    latency: { type: 'string', default: '300' },
    'kill-after': { type: 'string', default: '2' },
  },
});
const SUPERVISORS = Number(args.supervisors);
const LATENCY_MS = Number(args.latency);
const KILL_AFTER_MS = Number(args['kill-after']) * 1000;
const ZONE = 'America/Bogota';
const users = Array.from({ length: SUPERVISORS }, (_, i) => `U0SUP${String(i).padStart(3, '0')}`);

/** Past local days (1..6 back): each day's chat_2 holds ten conversations `H<yyyymmdd><n>`. */
const pastDays = Array.from({ length: 6 }, (_, i) =>
  DateTime.now()
    .setZone(ZONE)
    .minus({ days: i + 1 })
    .toFormat('yyyyMMdd'),
);
const hitIds = pastDays.flatMap((d) => Array.from({ length: 10 }, (_, n) => `H${d}${n}`));

function chat2({ dateIni }: FakeRequest) {
  const day = dateIni?.slice(0, 8);
  if (!day || !pastDays.includes(day)) return undefined;
  const date = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
  return {
    data: Array.from({ length: 10 }, (_, n) => ({
      conn_id: `H${day}${n}`,
      agent_name: 'Laura Gómez',
      customer_name: 'Carlos Pérez',
      conversation: [
        {
          channel: 'whatsapp',
          from: 'CUSTOMER',
          from_name: 'Carlos Pérez',
          to_name: 'Laura Gómez',
          date: `${date} 11:0${n}:00`,
          message: 'hola',
          customer_id: '1',
          feeling: 'neutral',
        },
      ],
    })),
  };
}

type Kind = 'answered' | 'busy' | 'failed' | 'silent';
interface Outcome {
  sentAt: number;
  kind: Kind;
  /** From the command to its final answer (or to giving up on one). */
  tookMs: number;
  /** What a failed command said (its start), to tell failures apart. */
  said?: string;
}

let seq = 0;

/** One command as a supervisor types it, on one replica: what it finally said. */
async function ask(port: number, slack: Parameters<typeof slash>[1], user: string, text: string): Promise<Outcome> {
  const [command, ...rest] = text.split(' ');
  const id = `f${++seq}`;
  const sentAt = performance.now();
  let said: string;
  try {
    const ack = await slash(port, slack, command!, rest.join(' '), id, user);
    said = ack.status === 200 ? (/Looking/.test(ack.body) ? await lateAnswer(slack, id) : ack.body) : `HTTP ${ack.status}`;
  } catch (error) {
    said = `no answer: ${(error as Error).message}`;
  }
  const tookMs = performance.now() - sentAt;
  const kind: Kind = /^no answer:/.test(said) ? 'silent' : /is busy/.test(said) ? 'busy' : /Something went wrong|HTTP \d/.test(said) ? 'failed' : 'answered';
  return { sentAt, kind, tookMs, ...(kind === 'failed' || kind === 'silent' ? { said: `${text}: ${said.slice(0, 160)}` } : {}) };
}

const script = (i: number, pass: number, round: 'A' | 'B') => {
  const offset = round === 'A' ? 0 : 30; // round B looks up other days and other missing ids
  return [
    '/queue',
    '/agents',
    '/today',
    '/handoffs',
    `/transcript ${hitIds[offset + ((i + pass) % 30)]}`,
    `/transcript ${(round === 'A' ? 7_000_000 : 8_000_000) + pass * 1000 + i}`,
    '/queue',
  ];
};

/** Ready, nothing degraded, and the quota shared by both replicas. */
async function normal(port: number): Promise<boolean> {
  const body = (await fetch(`http://127.0.0.1:${port}/readyz`)
    .then((r) => r.json())
    .catch(() => undefined)) as { status?: string; degraded?: unknown; checks?: Array<{ name: string; detail: string }> } | undefined;
  return body?.status === 'ready' && !body.degraded && body.checks?.find((c) => c.name === 'quota')?.detail === 'shared by 2 replicas';
}

function mark(wolkvox: FakeWolkvox): number {
  wolkvox.state.maxConcurrencySeen = wolkvox.state.inFlight;
  return wolkvox.state.calls.length;
}

function vendorLine(wolkvox: FakeWolkvox, from: number, commands: number): { requests: number; text: string } {
  const calls = wolkvox.state.calls.slice(from);
  const byApi = new Map<string, number>();
  for (const c of calls) byApi.set(c.api ?? '?', (byApi.get(c.api ?? '?') ?? 0) + 1);
  return {
    requests: calls.length,
    text: [
      `  vendor requests     ${calls.length} for ${commands} commands (${(calls.length / commands).toFixed(2)} per command; ${[...byApi].map(([a, n]) => `${a} ${n}`).join(', ')})`,
      `  most simultaneous   ${wolkvox.state.maxConcurrencySeen} (limit 2)`,
      `  403s                ${calls.filter((c) => c.status === 403).length}`,
    ].join('\n'),
  };
}

/** p50/p90/p99/max of the answer times (silent commands count with the time waited). */
function timesLine(outcomes: Outcome[]): string {
  const times = outcomes.map((o) => o.tookMs).sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
  return `  answer time         p50 ${secs(at(0.5))}, p90 ${secs(at(0.9))}, p99 ${secs(at(0.99))}, max ${secs(at(1))}`;
}

const pctOf = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const wolkvox = await startFakeWolkvox({ token: S.wolkvoxToken, maxConcurrent: 2, delayMs: LATENCY_MS, data: { chat_2: chat2 } });
  const slack = await startFakeSlack({ botToken: S.slackBotToken, channels: ['C0OPS'] });
  let set: SentinelSet | undefined;
  const dir = emptyDir();
  const bots = replicaSet(() => ({
    dir,
    slackApiUrl: slack.apiUrl,
    redisEnv: { REDIS_SENTINELS: set!.sentinels.map((s) => `${s.host}:${s.port}`).join(','), REDIS_SENTINEL_NAME: set!.name },
  }));
  try {
    set = await startSentinelSet({ downAfterMs: 1_000 });
    writeFileSync(join(dir, 'chatops.yaml'), config(wolkvox.url));
    const replicas = [bots.start(), bots.start()];
    const ports = await Promise.all(replicas.map(portOf));
    await Promise.all(replicas.map((r) => r.waitFor('chart renderer is loaded', 120_000)));
    for (const port of ports) await eventually(() => normal(port), `replica ${port} ready and sharing`);
    console.log(
      `vendor-economy-failover: 2 replicas through 3 sentinels (master ${await set.masterPort()}), fake wolkvox (2 simultaneous, ${LATENCY_MS} ms), ${SUPERVISORS} supervisors`,
    );

    // Round A: the shared phase's script, once per supervisor, master up.
    let from = mark(wolkvox);
    let turn = 0;
    const roundA: Outcome[] = [];
    await Promise.all(
      users.map(async (user, i) => {
        for (const text of script(i, 0, 'A')) roundA.push(await ask(ports[turn++ % 2]!, slack, user, text));
      }),
    );
    await sleep(500);
    const a = vendorLine(wolkvox, from, roundA.length);
    console.log(`\nA. shared (master up), ${roundA.length} commands`);
    console.log(a.text);
    const countA = (k: Kind) => roundA.filter((o) => o.kind === k).length;
    console.log(`  commands            ${countA('answered')} answered, ${countA('busy')} busy, ${countA('failed')} failed, ${countA('silent')} silent`);
    console.log(timesLine(roundA));

    // Round B: the same script in a loop; the master killed --kill-after s in.
    from = mark(wolkvox);
    const outcomes: Outcome[] = [];
    let stopAfterPass = false;
    const load = Promise.all(
      users.map(async (user, i) => {
        for (let pass = 0; ; pass++) {
          const last = stopAfterPass;
          for (const text of script(i, pass, 'B')) outcomes.push(await ask(ports[turn++ % 2]!, slack, user, text));
          if (last) return;
        }
      }),
    );
    await sleep(KILL_AFTER_MS);
    const oldMaster = await set.masterPort();
    const killedAt = performance.now();
    await stopRedis(set.servers.get(oldMaster)!);
    await eventually(async () => (await set!.masterPort()) !== oldMaster, 'the promotion');
    const promotedAt = performance.now();
    await eventually(async () => (await normal(ports[0]!)) && (await normal(ports[1]!)), 'both replicas normal');
    const normalAt = performance.now();
    stopAfterPass = true;
    await load;
    await sleep(500);
    const b = vendorLine(wolkvox, from, outcomes.length);
    const during = outcomes.filter((o) => o.sentAt >= killedAt && o.sentAt <= normalAt);
    const count = (k: Kind) => during.filter((o) => o.kind === k).length;
    const all = (k: Kind) => outcomes.filter((o) => o.kind === k).length;
    console.log(`\nB. master SIGKILLed ${secs(KILL_AFTER_MS)} into the load, ${outcomes.length} commands`);
    console.log(b.text);
    console.log(`  vs shared phase     ${(b.requests / outcomes.length / (a.requests / roundA.length)).toFixed(2)}x A's requests per command`);
    console.log(`  promotion           ${secs(promotedAt - killedAt)} after the kill (master ${oldMaster} -> ${await set.masterPort()})`);
    console.log(`  readyz normal       ${secs(normalAt - promotedAt)} after the promotion (both replicas; ${secs(normalAt - killedAt)} after the kill)`);
    console.log(
      `  during failover     ${during.length} commands: ${pctOf(count('answered'), during.length)} answered, ${pctOf(count('busy'), during.length)} busy, ${pctOf(count('failed'), during.length)} failed`,
    );
    console.log(`  whole round         ${all('answered')} answered, ${all('busy')} busy, ${all('failed')} failed, ${all('silent')} silent`);
    console.log(timesLine(outcomes));
    const failures = new Map<string, number>();
    for (const o of outcomes) if (o.said) failures.set(o.said.replace(/\d{5,}/g, 'N'), (failures.get(o.said.replace(/\d{5,}/g, 'N')) ?? 0) + 1);
    for (const [said, n] of [...failures].sort((x, y) => y[1] - x[1]).slice(0, 5)) console.log(`  failed ${n}x: ${said}`);
  } finally {
    await bots.kill();
    await set?.stop();
    await wolkvox.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function config(baseUrl: string): string {
  return `sources:
  bogota:
    vendor: wolkvox
    server: "0032"
    token: \${WOLKVOX_TOKEN}
    baseUrl: ${baseUrl}
    timeZone: ${ZONE}
    licenses: 1
    skills: [101]
    timeout: 30s
    poll: "*/5 * * * * *"
    cache:
      queue: 1s
channels:
  ops: slack:C0OPS
alerts:
  - metric: queue.waiting
    source: bogota
    above: 1000
    channels: [ops]
access:
  supervisors:
    slackUsers: [${users.join(', ')}]
`;
}

await main();
