/**
 * Slash-command ack latency: the bot's Slack endpoint against a bare Bolt app that answers a
 * constant, under the same steady load of signed requests on the same machine.
 *
 *   npx tsx bench/slack-ack.ts [--rate 200] [--seconds 10] [--rounds 3]
 *
 * Each server runs in its own child process so that the load generator (this process) does not
 * share its event loop; both run at once and get the same load, interleaved request by request,
 * so a busy machine weighs on both alike. Load is open-loop: requests leave on schedule whether or not earlier
 * ones were answered, so a slow server shows up as latency rather than as a lower rate.
 * The bot answers `/queue` through the real router and commands over the demo contact center
 * (cached by the in-memory quota gate, as in production) and renders Block Kit.
 * Target: the bot's p99 within 1.2x of bare Bolt's.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';

type Kind = 'bolt' | 'bot' | 'bot-fixed';
const KINDS: Kind[] = ['bolt', 'bot', 'bot-fixed'];
const LABEL: Record<Kind, string> = { bolt: 'bare Bolt', bot: 'bot (demo router)', 'bot-fixed': 'bot (fixed reply)' };

if (process.argv[2] === 'serve') {
  await serve(process.argv[3] as Kind);
} else {
  await main();
}

/** Child process: start one server on a free port, tell the parent the port, run until killed. */
async function serve(kind: Kind): Promise<void> {
  const port = kind === 'bolt' ? await serveBareBolt() : await serveBot(kind === 'bot-fixed');
  process.send?.({ port });
}

async function serveBareBolt(): Promise<number> {
  const { App, LogLevel } = await import('@slack/bolt');
  // botId/botUserId given: Bolt skips auth.test, as a production app with a known token would.
  const app = new App({ signingSecret: SECRET, token: TOKEN, botId: 'B0BENCH', botUserId: 'U0BENCH', logLevel: LogLevel.ERROR });
  app.command(/^\/.+/, async ({ ack }) => {
    await ack('ok');
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return (server.address() as AddressInfo).port;
}

/**
 * The bot's endpoint. With `fixed`, the router answers a constant queue-sized Reply, which
 * isolates what the Slack side adds (verify, dispatch, render, ack); without, the real router,
 * commands and demo data answer.
 */
async function serveBot(fixed: boolean): Promise<number> {
  const { createSlackApp } = await import('../src/platforms/slack/index.js');
  const { createMetrics } = await import('../src/metrics/metrics.js');
  const { silentLogger } = await import('../src/log/logger.js');
  const { demoRouter } = await import('../test/support/router-kit.js');
  const demo = demoRouter();
  const config = demo.config;
  const reply = await demo.router.handle({ text: '/queue', asker: { platform: 'slack', userId: 'U0SUP' }, venue: 'channel' });
  const router = fixed ? { handle: async () => reply, commandsFor: () => [] } : demo.router;
  const slack = createSlackApp({
    signingSecret: SECRET,
    botToken: TOKEN,
    apiUrl: 'http://127.0.0.1:9/api/',
    router,
    access: config.access,
    logger: silentLogger(),
    metrics: createMetrics(),
  });
  // Routed the way the process's one HTTP server routes it.
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/slack/events') {
      slack.handler(req, res).catch(() => res.writableEnded || res.writeHead(500).end());
      return;
    }
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' } },
  });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const { signSlackRequest } = await import('../test/fakes/fake-slack.js');
  const { slashCommandBody } = await import('../test/fakes/slack-payloads.js');

  console.log(`slack-ack: ${rate} req/s to each server for ${seconds} s per round, ${rounds} round(s), after a 5 s warm-up; node ${process.version}`);
  // All servers run at once and every tick sends one request to each, in rotating order, so
  // that whatever else the machine is doing lands on all alike.
  const servers = await Promise.all(KINDS.map((kind) => startChild(kind)));
  const pools = servers.map((s) => new Pool(`http://127.0.0.1:${s.port}`, { connections: 64 }));
  const send = async (pool: Pool): Promise<number | undefined> => {
    const body = slashCommandBody({ command: '/queue', text: '', user_id: 'U0SUP', response_url: 'http://127.0.0.1:9/response/bench' });
    const headers = signSlackRequest(SECRET, body);
    const started = performance.now();
    try {
      const res = await pool.request({ method: 'POST', path: '/slack/events', body, headers });
      await res.body.text();
      return res.statusCode === 200 ? performance.now() - started : undefined;
    } catch {
      return undefined;
    }
  };
  const n = KINDS.length;
  const target = (i: number) => (i + Math.floor(i / n)) % n;
  const results = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const errors = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  await load((i) => send(pools[target(i)]!), rate * n, 5);
  const roundRatios: Record<'bot' | 'bot-fixed', number[]> = { bot: [], 'bot-fixed': [] };
  for (let round = 1; round <= rounds; round++) {
    const latencies = await load((i) => send(pools[target(i)]!), rate * n, seconds);
    const byKind = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
    latencies.forEach((l, i) => {
      const kind = KINDS[target(i)]!;
      if (l === undefined) errors[kind]++;
      else byKind[kind].push(l);
    });
    for (const kind of KINDS) {
      results[kind].push(...byKind[kind]);
      console.log(`  round ${round} ${LABEL[kind].padEnd(18)}: ${summary(byKind[kind])}`);
    }
    for (const kind of ['bot-fixed', 'bot'] as const) roundRatios[kind].push(stats(byKind[kind]).p99 / stats(byKind.bolt).p99);
  }
  await Promise.all(pools.map((p) => p.close()));
  for (const s of servers) s.child.kill();

  console.log('');
  for (const kind of KINDS) console.log(`${LABEL[kind].padEnd(18)}: ${summary(results[kind])}${errors[kind] ? `, ${errors[kind]} failed` : ''}`);
  const bolt = stats(results.bolt);
  for (const kind of ['bot-fixed', 'bot'] as const) {
    const s = stats(results[kind]);
    const ratio = s.p99 / bolt.p99;
    const perRound = [...roundRatios[kind]].sort((a, b) => a - b);
    const median = perRound[Math.floor(perRound.length / 2)] ?? NaN;
    console.log(
      `${LABEL[kind]} / bare Bolt: p99 ${ratio.toFixed(2)}x pooled, ${median.toFixed(2)}x median of rounds [${roundRatios[kind].map((r) => r.toFixed(2)).join(', ')}] (target <= 1.2x), p50 ${(s.p50 / bolt.p50).toFixed(2)}x`,
    );
  }
}

async function startChild(kind: Kind): Promise<{ port: number; child: ReturnType<typeof fork> }> {
  const extra = process.env.BENCH_CHILD_FLAGS ? process.env.BENCH_CHILD_FLAGS.split(' ') : [];
  const child = fork(fileURLToPath(import.meta.url), ['serve', kind], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...extra],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
  return { port, child };
}

/** Sends at a steady `rate` for `seconds`, on schedule; resolves with every request's latency. */
async function load(send: (i: number) => Promise<number | undefined>, rate: number, seconds: number): Promise<Array<number | undefined>> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const inflight: Array<Promise<number | undefined>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(i));
  }
  return Promise.all(inflight);
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

function summary(values: number[]): string {
  const s = stats(values);
  return `n=${s.n} p50 ${s.p50.toFixed(2)} ms · p90 ${s.p90.toFixed(2)} ms · p99 ${s.p99.toFixed(2)} ms · max ${s.max.toFixed(2)} ms`;
}
