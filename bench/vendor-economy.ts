/**
 * Vendor economy end to end: what the vendor counts when real bot processes answer signed Slack
 * commands, against what the bot counts and the least the questions could have cost.
 *
 *   npx tsx bench/vendor-economy.ts [--replicas 3] [--supervisors 20] [--latency 300] [--hammer 150]
 *
 * Three `node bin/chatops.js start` processes share one Redis (a redis-server this bench starts
 * on a free port, and stops for 20 s in the last phase), read one fake wolkvox (2 simultaneous
 * requests per token, 1,000 a day, every answer delayed by --latency ms) with their real
 * adapters, run the watcher, and answer signed slash commands at POST /slack/events; late answers
 * come to the fake Slack's response_url. Phases:
 *   1. supervisors: 20 supervisors ask /queue, /agents, /today, /handoffs and lookups that hit
 *      and miss; then /queue is timed while 10 lookups run;
 *   2. hammer: one asker types 150 lookups of ids that do not exist, while another asks /queue;
 *   3. redis-outage: Redis stopped for 20 s while the supervisors keep asking;
 *   4. replica killed: one replica SIGKILLed in the middle of lookups while the others answer.
 * Per phase it prints requests counted by the vendor and by the bot (chatops_vendor_calls_total,
 * summed over replicas), the ideal minimum, the most simultaneous requests, 403s, ack p50/p99,
 * /queue answer p50/p99 and what the hammering asker was told.
 * Targets: counts equal; 0 403s; simultaneous <= 2; hammer <= 250 requests; /queue p99 <= 1.5 s
 * while 10 lookups run; ack p99 <= 1.5 s; /readyz 200 through the outage.
 * The Sentinel phase (phase 1's load on two replicas through three sentinels, the master
 * SIGKILLed mid-load) is a sibling: `npx tsx bench/vendor-economy-failover.ts`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { startFakeSlack, type FakeSlack } from '../test/fakes/fake-slack.js';
import { startFakeWolkvox, type FakeRequest, type FakeWolkvox } from '../test/fakes/fake-wolkvox.js';
import { readyPort, replicaSet } from '../test/support/bot-replica.js';
import { lateAnswer, slash } from '../test/fakes/slack-user.js';
import { freePort, startRedis } from '../test/support/redis-server.js';
import { PROCESS_TEST_SECRETS as S } from '../test/support/test-secrets.js';

const { values: args } = parseArgs({
  options: {
    replicas: { type: 'string', default: '3' },
    supervisors: { type: 'string', default: '20' },
    latency: { type: 'string', default: '300' },
    hammer: { type: 'string', default: '150' },
    outage: { type: 'string', default: '20' },
  },
});
const REPLICAS = Number(args.replicas);
const SUPERVISORS = Number(args.supervisors);
const LATENCY_MS = Number(args.latency);
const HAMMER = Number(args.hammer);
const OUTAGE_S = Number(args.outage);

const BOT_TOKEN = S.slackBotToken;
const WOLKVOX_TOKEN = S.wolkvoxToken;
const ZONE = 'America/Bogota';
const users = Array.from({ length: SUPERVISORS + 2 }, (_, i) => `U0SUP${String(i).padStart(3, '0')}`);
const HAMMERER = users[SUPERVISORS]!;
const BYSTANDER = users[SUPERVISORS + 1]!;

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
          date: `${date} 11:${String(n).padStart(2, '0')}:00`,
          message: 'hola',
          customer_id: '1',
          feeling: 'neutral',
        },
      ],
    })),
  };
}

interface Replica {
  child: ChildProcess;
  port: number;
  output: () => string;
}

interface Asked {
  ackMs: number;
  answerMs: number;
  text: string;
}

let responseSeq = 0;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-economy-'));
  const redisPort = await freePort();
  let redis = await startRedis(redisPort);
  const wolkvox = await startFakeWolkvox({ token: WOLKVOX_TOKEN, delayMs: LATENCY_MS, data: { chat_2: chat2 } });
  // token_info tells the fake's own count, as the vendor would.
  wolkvox.setData('token_info', () => ({
    data: { token_limit: '1000', token_use_today: String(wolkvox.state.usedToday), all_token_today: String(wolkvox.state.usedToday) },
  }));
  const slack = await startFakeSlack({ botToken: BOT_TOKEN });
  const replicas: Replica[] = [];
  try {
    writeFileSync(join(dir, 'chatops.yaml'), config(wolkvox.url));
    const bots = replicaSet(() => ({ dir, redisPort, slackApiUrl: slack.apiUrl, env: { NODE_ENV: 'production' } }));
    for (let i = 0; i < REPLICAS; i++) {
      // As a load balancer would: no command before /readyz says ready (the chart renderer loaded).
      const run = bots.start();
      replicas.push({ child: run.child, port: await readyPort(run), output: () => run.stdout() + run.stderr() });
    }
    console.log(
      `vendor-economy: ${REPLICAS} replicas, one Redis (port ${redisPort}), fake wolkvox (2 simultaneous, 1,000/day, ${LATENCY_MS} ms), ${SUPERVISORS} supervisors`,
    );
    let turn = 0;
    const ask = (user: string, text: string) => askSlack(replicas[turn++ % replicas.length]!, slack, user, text);

    // Phase 1: supervisors.
    let mark = await phaseStart(wolkvox, replicas);
    const acks: number[] = [];
    const misses = (i: number) => `${7_000_000 + i}`;
    await Promise.all(
      users.slice(0, SUPERVISORS).map(async (user, i) => {
        const script = ['/queue', '/agents', '/today', '/handoffs', `/transcript ${hitIds[i % 30]}`, `/transcript ${misses(i)}`, '/queue'];
        for (const text of script) acks.push((await ask(user, text)).ackMs);
      }),
    );
    // /queue timed while 10 lookups run: each lookup reads one past day (one request of --latency ms).
    const queueTimes: number[] = [];
    for (let wave = 0; wave < 3; wave++) {
      await sleep(1_200); // the queue answer (cached 1 s) has expired
      const lookups = Promise.all(hitIds.slice(30 + wave * 10, 40 + wave * 10).map((id, i) => ask(users[i]!, `/transcript ${id}`)));
      await sleep(150);
      await Promise.all(users.slice(10, 20).map(async (user) => queueTimes.push((await ask(user, '/queue')).answerMs)));
      for (const l of await lookups) acks.push(l.ackMs);
    }
    await report('1. supervisors (watcher on)', wolkvox, replicas, mark, { acks, queueTimes });

    // Phase 2: one asker hammers lookups of ids that do not exist; another asks /queue meanwhile.
    mark = await phaseStart(wolkvox, replicas);
    const told = new Map<string, number>();
    const hammerAcks: number[] = [];
    const bystander: number[] = [];
    let hammering = true;
    const watching = (async () => {
      while (hammering) {
        const q = await ask(BYSTANDER, '/queue');
        bystander.push(q.answerMs);
        if (/:hourglass:/.test(q.text)) told.set('(bystander /queue was stale)', (told.get('(bystander /queue was stale)') ?? 0) + 1);
        await sleep(1_000);
      }
    })();
    for (let i = 0; i < HAMMER; i++) {
      const answer = await ask(HAMMERER, `/transcript ${9_100_000 + i * 7}`);
      hammerAcks.push(answer.ackMs);
      const said = /You can ask again/.test(answer.text)
        ? 'refused: hourly share spent ("You can ask again in N minutes")'
        : /has no chat/.test(answer.text)
          ? 'not found'
          : answer.text.slice(0, 80);
      told.set(said, (told.get(said) ?? 0) + 1);
    }
    hammering = false;
    await watching;
    await report('2. one asker, 150 lookups of ids that do not exist', wolkvox, replicas, mark, { acks: hammerAcks, queueTimes: bystander, told });

    // Phase 3: Redis stopped for 20 s while supervisors keep asking.
    mark = await phaseStart(wolkvox, replicas);
    const outageAcks: number[] = [];
    const outageQueue: number[] = [];
    const readyz: string[] = [];
    redis.kill('SIGKILL');
    const until = Date.now() + OUTAGE_S * 1000;
    const probe = (async () => {
      while (Date.now() < until) {
        for (const r of replicas) {
          const res = await fetch(`http://127.0.0.1:${r.port}/readyz`).catch(() => undefined);
          readyz.push(String(res?.status ?? 'no answer'));
          await res?.body?.cancel();
        }
        await sleep(2_000);
      }
    })();
    await Promise.all(
      users.slice(0, SUPERVISORS).map(async (user, i) => {
        const script = ['/queue', '/agents', '/today', `/transcript ${hitIds[(i + 3) % hitIds.length]}`, `/transcript ${misses(100 + i)}`];
        let k = 0;
        while (Date.now() < until) {
          const text = script[k++ % script.length]!;
          const answer = await ask(user, text);
          outageAcks.push(answer.ackMs);
          if (text === '/queue') outageQueue.push(answer.answerMs);
          await sleep(500);
        }
      }),
    );
    await probe;
    redis = await startRedis(redisPort);
    const readyCounts = new Map<string, number>();
    for (const s of readyz) readyCounts.set(s, (readyCounts.get(s) ?? 0) + 1);
    await report(`3. Redis stopped for ${OUTAGE_S} s`, wolkvox, replicas, mark, {
      acks: outageAcks,
      queueTimes: outageQueue,
      told: new Map([...readyCounts].map(([status, n]) => [`/readyz answered ${status}`, n])),
    });
    console.log(`\nvendor total today: ${wolkvox.state.usedToday} of 1000`);
    // The whole run, per endpoint: a phase boundary can split one request between two phases.
    const vendorBy = new Map<string, number>();
    for (const c of wolkvox.state.calls) vendorBy.set(c.api ?? '?', (vendorBy.get(c.api ?? '?') ?? 0) + 1);
    const botBy = await botCountByApi(replicas);
    const apis = [...new Set([...vendorBy.keys(), ...botBy.keys()])].sort();
    console.log(
      `whole run           vendor ${wolkvox.state.calls.length}, bot ${[...botBy.values()].reduce((a, b) => a + b, 0)}: ${apis.map((a) => `${a} ${vendorBy.get(a) ?? 0}/${botBy.get(a) ?? 0}`).join(', ')}`,
    );

    // Phase 4: a replica killed (SIGKILL) in the middle of lookups while supervisors keep asking.
    // Its leases stay held in Redis until they expire (15 s): the others must still stay within 2.
    for (const r of replicas) {
      while (
        !(await fetch(`http://127.0.0.1:${r.port}/readyz`).then(
          async (res) => res.status === 200 && !('degraded' in ((await res.json()) as object)),
          () => false,
        ))
      )
        await sleep(200);
    }
    mark = await phaseStart(wolkvox, replicas);
    const doomed = replicas[0]!;
    const killAcks: number[] = [];
    const killQueue: number[] = [];
    const killTold = new Map<string, number>();
    let doomedCount = 0;
    const killUntil = Date.now() + 15_000;
    const lookups = Promise.all(hitIds.slice(0, 6).map((id, i) => askSlack(doomed, slack, users[i]!, `/transcript ${id}`).catch(() => undefined)));
    await sleep(400); // the lookups are at the vendor
    doomedCount = await botCount([doomed]);
    doomed.child.kill('SIGKILL');
    const survivors = replicas.slice(1);
    let next = 0;
    await Promise.all(
      users.slice(0, SUPERVISORS).map(async (user, i) => {
        const script = ['/queue', '/agents', `/transcript ${hitIds[(i + 7) % hitIds.length]}`, '/today'];
        let k = 0;
        while (Date.now() < killUntil) {
          const text = script[k++ % script.length]!;
          const answer = await askSlack(survivors[next++ % survivors.length]!, slack, user, text);
          killAcks.push(answer.ackMs);
          if (text === '/queue') killQueue.push(answer.answerMs);
          const said = /went wrong|could not/i.test(answer.text) ? 'an error' : 'an answer';
          killTold.set(said, (killTold.get(said) ?? 0) + 1);
          await sleep(500);
        }
      }),
    );
    await lookups;
    await report(
      '4. one replica killed mid-lookup (SIGKILL), 15 s',
      wolkvox,
      survivors,
      { ...mark, botCount: mark.botCount - doomedCount },
      { acks: killAcks, queueTimes: killQueue, told: killTold },
    );
    console.log('  (bot counted: the survivors, plus what the killed replica had counted when last read; requests it sent after that read are not in it)');
  } finally {
    for (const r of replicas) r.child.kill('SIGTERM');
    await Promise.all(
      replicas.map(
        (r) => new Promise((resolve) => (r.child.exitCode !== null || r.child.signalCode !== null ? resolve(undefined) : r.child.once('exit', resolve))),
      ),
    );
    redis.kill('SIGKILL');
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

/** Sends one signed slash command; the answer is the ack itself or the response_url post that replaces "Looking…". */
async function askSlack(replica: Replica, slack: FakeSlack, user: string, text: string): Promise<Asked> {
  const [command, ...rest] = text.split(' ');
  const id = `r${++responseSeq}`;
  const sent = performance.now();
  const ack = await slash(replica.port, slack, command!, rest.join(' '), id, user);
  const ackMs = performance.now() - sent;
  if (!ack.body.includes('Looking')) return { ackMs, answerMs: ackMs, text: ack.body };
  // The answer, not the "Looking…" update a slow answer gets first.
  const late = await lateAnswer(slack, id);
  return { ackMs, answerMs: performance.now() - sent, text: late };
}

interface Mark {
  calls: number;
  botCount: number;
}

/**
 * Marks the start of a phase at a quiet moment: no request between the bot's count (taken as a
 * request leaves) and the vendor's (as it arrives), so a watcher poll does not land in two phases.
 */
async function phaseStart(wolkvox: FakeWolkvox, replicas: Replica[]): Promise<Mark> {
  for (let tries = 0; tries < 50; tries++) {
    const bot = await botCount(replicas);
    if (bot === wolkvox.state.calls.length && wolkvox.state.inFlight === 0) break;
    await sleep(100);
  }
  wolkvox.state.maxConcurrencySeen = wolkvox.state.inFlight;
  return { calls: wolkvox.state.calls.length, botCount: await botCount(replicas) };
}

/** Vendor requests the bot says it made: chatops_vendor_calls_total summed over replicas. */
async function botCount(replicas: Replica[]): Promise<number> {
  let total = 0;
  for (const r of replicas) {
    const text = await fetch(`http://127.0.0.1:${r.port}/metrics`)
      .then((res) => res.text())
      .catch(() => '');
    for (const line of text.split('\n')) if (line.startsWith('chatops_vendor_calls_total{')) total += Number(line.split(' ').pop());
  }
  return total;
}

/** chatops_vendor_calls_total per wolkvox api (the endpoint label ends in `?api=<name>`), summed over replicas. */
async function botCountByApi(replicas: Replica[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of replicas) {
    const text = await fetch(`http://127.0.0.1:${r.port}/metrics`)
      .then((res) => res.text())
      .catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.startsWith('chatops_vendor_calls_total{')) continue;
      const api = /api=([a-z_0-9]+)/.exec(line)?.[1] ?? '?';
      counts.set(api, (counts.get(api) ?? 0) + Number(line.split(' ').pop()));
    }
  }
  return counts;
}

async function report(
  name: string,
  wolkvox: FakeWolkvox,
  replicas: Replica[],
  mark: Mark,
  figures: { acks: number[]; queueTimes: number[]; told?: Map<string, number> },
): Promise<void> {
  await sleep(500);
  const calls = wolkvox.state.calls.slice(mark.calls);
  const bot = (await botCount(replicas)) - mark.botCount;
  console.log(`\n${name}`);
  console.log(`  vendor counted      ${calls.length} requests (${summarize(calls.map((c) => c.api ?? '?'))})`);
  console.log(`  bot counted         ${bot} (chatops_vendor_calls_total)`);
  console.log(`  ideal minimum       ${ideal(calls)}`);
  console.log(`  most simultaneous   ${wolkvox.state.maxConcurrencySeen} (limit 2)`);
  console.log(`  403s                ${calls.filter((c) => c.status === 403).length}`);
  console.log(`  ack                 p50 ${ms(pct(figures.acks, 50))}  p99 ${ms(pct(figures.acks, 99))}  (${figures.acks.length} commands)`);
  console.log(`  /queue answer       p50 ${ms(pct(figures.queueTimes, 50))}  p99 ${ms(pct(figures.queueTimes, 99))}  (${figures.queueTimes.length})`);
  for (const [said, n] of figures.told ?? []) console.log(`  told                ${n} x ${said}`);
}

/**
 * The least the vendor could have been asked for what it answered: each distinct request once
 * (a report day, a live endpoint with its parameters). Live figures asked again later are not
 * waste, so this is a floor, not a target.
 */
function ideal(calls: Array<{ api?: string; query: Record<string, string> }>): number {
  const reports = new Set(
    calls.filter((c) => c.api === 'chat_2' || c.api === 'chat_8').map((c) => `${c.api}:${c.query.date_ini}:${c.query.date_end?.slice(0, 8)}`),
  );
  const live = new Set(calls.filter((c) => c.api !== 'chat_2' && c.api !== 'chat_8').map((c) => `${c.api}:${c.query.skill_id ?? ''}`));
  return reports.size + live.size;
}

function summarize(apis: string[]): string {
  const counts = new Map<string, number>();
  for (const a of apis) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([a, n]) => `${a} ${n}`).join(', ');
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function ms(value: number): string {
  return Number.isNaN(value) ? '-' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

await main();
