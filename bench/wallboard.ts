/**
 * Wallboard: what 200 open pages cost. A real bot process (the watcher polling a fake wolkvox
 * every 5 s, Redis shared) runs a minute with no page open, then a minute with 200 pages
 * streaming server-sent events over HTTP (not browsers). Prints vendor requests per minute in
 * each minute, poll-to-page latency (from the leader's publication to each page's receipt, one
 * clock) p50/p99, and the server's memory per open page (RSS and heap delta / pages).
 *
 *   npx tsx bench/wallboard.ts [--pages 200] [--seconds 60]
 *
 * Targets: vendor requests equal with and without pages (±2 a minute); p99 < 1 s; < 100 KB a page.
 * The vendor is the fake wolkvox, which counts every request it receives.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { createWallboardLinks } from '../src/wallboard/wallboard-links.js';
import { startFakeWolkvox } from '../test/fakes/fake-wolkvox.js';
import { portOf } from '../test/support/bot-replica.js';
import { cleanEnv, emptyDir, runCli } from '../test/support/run-cli.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '200' }, seconds: { type: 'string', default: '60' } } });
const PAGES = Number(values.pages);
const WINDOW_MS = Number(values.seconds) * 1000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = `bench-wallboard-${randomUUID()}`;
const prefix = `bench-wallboard-${randomUUID().slice(0, 8)}`;

const wolkvox = await startFakeWolkvox({ token: 'bench-wolkvox-token-0001', maxConcurrent: 2, dailyLimit: 1_000_000 });
wolkvox.setData('skills', [{ skill_id: '101', skill_name: 'Ventas', calls_in_queue_now: '4' }]);
const dir = emptyDir();
// Licences enough for a poll every 5 s all day (wolkvox grants 1000 requests a day per licence).
writeFileSync(
  join(dir, 'chatops.yaml'),
  `sources:
  bogota:
    vendor: wolkvox
    server: "0032"
    token: \${WOLKVOX_TOKEN}
    baseUrl: ${wolkvox.url}
    timeZone: America/Bogota
    licenses: 50
    skills: [101]
    poll: "*/5 * * * * *"
channels:
  ops: console
alerts:
  - id: bogota-queue
    metric: queue.waiting
    source: bogota
    above: 10
    channels: [ops]
`,
);
const bot = runCli(['start'], {
  cwd: dir,
  env: cleanEnv({
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL,
    CHATOPS_REDIS_PREFIX: prefix,
    WOLKVOX_TOKEN: 'bench-wolkvox-token-0001',
    WALLBOARD_SECRET: SECRET,
    PUBLIC_URL: 'http://127.0.0.1:1',
  }),
});
const port = await portOf(bot);
const base = `http://127.0.0.1:${port}`;
const redis = new Redis(REDIS_URL);
const links = createWallboardLinks({ publicUrl: base, secret: SECRET, redis, prefix });
const { url } = await links.link(['bogota'], 'desk');
const query = new URL(url).search;

/** The bot's resident and heap bytes from its own /metrics. */
async function memory(): Promise<{ rss: number; heap: number }> {
  const text = await fetch(`${base}/metrics`).then((r) => r.text());
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { rss: read('process_resident_memory_bytes'), heap: read('nodejs_heap_size_used_bytes') };
}

/**
 * Memory settled over 10 s of samples: the lowest heap in use (what survives the collections in
 * between, rather than whatever garbage one sample catches) and the median RSS.
 */
async function settledMemory(): Promise<{ rss: number; heap: number }> {
  const samples: Array<{ rss: number; heap: number }> = [];
  for (let i = 0; i < 20; i++) {
    samples.push(await memory());
    await sleep(500);
  }
  const rss = samples.map((m) => m.rss).sort((a, b) => a - b);
  return { rss: rss[Math.floor(rss.length / 2)]!, heap: Math.min(...samples.map((m) => m.heap)) };
}

/** Vendor requests during `ms`. */
async function vendorRequestsOver(ms: number): Promise<number> {
  const before = wolkvox.state.calls.length;
  await sleep(ms);
  return wolkvox.state.calls.length - before;
}

// Let the first polls and the chart renderer settle before measuring.
await sleep(10_000);
const idle = await vendorRequestsOver(WINDOW_MS);
const memoryBefore = await settledMemory();

const latencies: number[] = [];
const controller = new AbortController();
let opened = 0;
const pages = Array.from({ length: PAGES }, async () => {
  const res = await fetch(`${base}/wallboard/events${query}`, { signal: controller.signal });
  if (res.status !== 200) throw new Error(`a page got ${res.status}`);
  opened += 1;
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let first = true;
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    const at = Date.now();
    buffered += decoder.decode(value, { stream: true });
    for (let cut = buffered.indexOf('\n\n'); cut >= 0; cut = buffered.indexOf('\n\n')) {
      const frame = buffered.slice(0, cut);
      buffered = buffered.slice(cut + 2);
      if (!frame.startsWith('event: board')) continue;
      // The first board is the one kept from before the page opened: not a poll reaching it.
      if (first) {
        first = false;
        continue;
      }
      const board = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { publishedAt: number };
      latencies.push(at - board.publishedAt);
    }
  }
});
while (opened < PAGES) await sleep(100);
await sleep(2_000);
const memoryOpen = await settledMemory();
const open = await vendorRequestsOver(WINDOW_MS);
const memoryAfter = await settledMemory();
controller.abort();
await Promise.allSettled(pages);

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
const perMinute = (n: number) => ((n * 60_000) / WINDOW_MS).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
console.log(`wallboard bench: ${PAGES} pages, ${WINDOW_MS / 1000} s windows, polls every 5 s`);
console.log(
  `vendor requests/min: none open ${perMinute(idle)} · ${PAGES} open ${perMinute(open)} (difference ${(Number(perMinute(open)) - Number(perMinute(idle))).toFixed(1)}; target ±2)`,
);
console.log(
  `poll-to-page latency over ${latencies.length} deliveries: p50 ${pct(50)} ms · p99 ${pct(99)} ms · max ${latencies.at(-1)} ms (target p99 < 1000 ms)`,
);
console.log(
  `server memory per open page: RSS ${kb((memoryOpen.rss - memoryBefore.rss) / PAGES)} KB · heap ${kb((memoryOpen.heap - memoryBefore.heap) / PAGES)} KB (after a minute: RSS ${kb((memoryAfter.rss - memoryBefore.rss) / PAGES)} KB · heap ${kb((memoryAfter.heap - memoryBefore.heap) / PAGES)} KB; target < 100 KB)`,
);

bot.child.kill('SIGTERM');
await bot.exited;
await wolkvox.close();
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}:*`, 'COUNT', 500);
  cursor = next;
  if (keys.length) await redis.del(...keys);
} while (cursor !== '0');
redis.disconnect();
