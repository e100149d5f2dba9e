/**
 * Quota economy: how many vendor calls do N replicas x M supervisors x K commands cost through
 * the shared Redis quota gate, against the ideal (each key fetched once per TTL window)?
 *
 *   npx tsx bench/quota-economy.ts [--replicas 3] [--supervisors 20] [--minutes 10] [--scale 60]
 *
 * Time is compressed by --scale (10 simulated minutes = 10 s at 60x): TTLs, think times and the
 * vendor's latency shrink alike. The vendor is the counting fake (2 simultaneous requests, 403
 * past that, like wolkvox). Prints vendor calls vs requests vs the ideal, lease waits and 403s.
 * Targets: vendor calls <= 1.05 x ideal; zero 403s.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fetchCounted, startCountingVendor } from '../test/fakes/counting-vendor.js';
import { startIpcWorker } from '../test/support/ipc-worker.js';
import { deleteKeys } from '../test/support/redis-kit.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { createRedisQuotaGate } from '../src/quota/redis-gate.js';
import type { TokenPolicy } from '../src/quota/quota-gate.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Scenario {
  name: string;
  /** Distinct cache keys the supervisors ask for. */
  keys: string[];
  /** Freshness per key, simulated seconds. */
  ttlSeconds: number;
}

interface Go {
  cmd: 'go';
  scenario: Scenario;
  startAt: number;
  durationMs: number;
  ttlMs: number;
  thinkMs: number;
  supervisors: number;
  token: TokenPolicy;
}

interface Report {
  cmd: 'report';
  requests: Array<[number, string]>;
  leaseWaitsMs: number[];
  stale: number;
  failures: string[];
}

if (process.argv.includes('--replica')) await replica();
else await main();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      replicas: { type: 'string', default: '3' },
      supervisors: { type: 'string', default: '20' },
      minutes: { type: 'string', default: '10' },
      scale: { type: 'string', default: '60' },
      'vendor-ms': { type: 'string', default: '600' },
      'think-s': { type: 'string', default: '3' },
    },
  });
  const replicas = Number(values.replicas);
  const supervisors = Number(values.supervisors);
  const scale = Number(values.scale);
  const durationMs = (Number(values.minutes) * 60_000) / scale;
  const vendor = await startCountingVendor({ concurrency: 2, delayMs: Number(values['vendor-ms']) / scale });
  const prefix = `bench-quota-${randomUUID().slice(0, 8)}`;
  const children = await Promise.all(Array.from({ length: replicas }, () => startReplica(prefix, vendor.url)));

  const scenarios: Scenario[] = [
    { name: 'dashboard (8 hot commands)', keys: ['queue', 'agents', 'activeChats', 'today'].flatMap((c) => [`bogota:${c}`, `medellin:${c}`]), ttlSeconds: 20 },
    { name: 'lookups (60 transcripts)', keys: Array.from({ length: 60 }, (_, i) => `bogota:transcript:${1000 + i}`), ttlSeconds: 120 },
  ];

  console.log(
    `quota economy: ${replicas} replicas x ${supervisors} supervisors, ${values.minutes} simulated minutes at ${scale}x (${(durationMs / 1000).toFixed(1)} s), vendor latency ${values['vendor-ms']} ms simulated, think time ~${values['think-s']} s simulated`,
  );
  try {
    for (const scenario of scenarios) {
      vendor.reset();
      const token: TokenPolicy = {
        key: `wolkvox:0032:${randomUUID().slice(0, 6)}`,
        concurrency: 2,
        dailyBudget: 1_000_000,
        reserveShare: 0.1,
        timeZone: 'America/Bogota',
      };
      const ttlMs = (scenario.ttlSeconds * 1000) / scale;
      const go: Go = {
        cmd: 'go',
        scenario,
        startAt: Date.now() + 300,
        durationMs,
        ttlMs,
        thinkMs: (Number(values['think-s']) * 1000) / scale,
        supervisors,
        token,
      };
      const reports = await Promise.all(children.map((c) => c.run(go)));
      const stats = vendor.stats();
      const requests = reports.flatMap((r) => r.requests);
      const ideal = scenario.keys.length * Math.ceil(durationMs / ttlMs);
      const greedy = greedyMinimum(requests, ttlMs);
      const waits = reports.flatMap((r) => r.leaseWaitsMs).sort((a, b) => a - b);
      const failures = reports.flatMap((r) => r.failures);
      console.log(`\n${scenario.name}, TTL ${scenario.ttlSeconds} s simulated (${ttlMs.toFixed(0)} ms real)`);
      console.log(`  requests               ${requests.length}`);
      console.log(`  vendor calls           ${stats.calls}`);
      console.log(`  ideal (keys x windows) ${ideal}  -> calls/ideal ${(stats.calls / ideal).toFixed(3)} (target <= 1.05)`);
      console.log(`  greedy windows (log)   ${greedy}  -> calls/greedy ${(stats.calls / greedy).toFixed(3)}`);
      console.log(`  saved                  ${(100 * (1 - stats.calls / requests.length)).toFixed(2)} % of requests never reached the vendor`);
      console.log(
        `  lease waits            n=${waits.length} p50 ${percentile(waits, 0.5).toFixed(1)} ms, p99 ${percentile(waits, 0.99).toFixed(1)} ms, max ${(waits.at(-1) ?? 0).toFixed(1)} ms (real time)`,
      );
      console.log(`  most simultaneous      ${stats.maxConcurrent} (limit 2)`);
      console.log(`  403s from the vendor   ${stats.refused} (target 0)`);
      console.log(
        `  stale answers          ${reports.reduce((n, r) => n + r.stale, 0)}; failures ${failures.length}${failures.length ? ` (${failures.slice(0, 3).join('; ')})` : ''}`,
      );
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await vendor.close();
    await deleteKeys(prefix);
  }
}

/** Fewest calls that could have served the logged requests: per key, one call opens a TTL window at the first request outside the last one. */
function greedyMinimum(requests: Array<[number, string]>, ttlMs: number): number {
  const byKey = new Map<string, number[]>();
  for (const [t, key] of requests) byKey.set(key, [...(byKey.get(key) ?? []), t]);
  let calls = 0;
  for (const times of byKey.values()) {
    times.sort((a, b) => a - b);
    let until = Number.NEGATIVE_INFINITY;
    for (const t of times) {
      if (t >= until) {
        calls += 1;
        until = t + ttlMs;
      }
    }
  }
  return calls;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** One load replica: this file run again with --replica, driven over IPC. */
async function startReplica(prefix: string, vendorUrl: string) {
  const worker = await startIpcWorker<Go | { cmd: 'exit' }, Report | { cmd: 'ready' }>(
    fileURLToPath(import.meta.url),
    { BENCH_PREFIX: prefix, BENCH_VENDOR: vendorUrl, REDIS_URL },
    ['--replica'],
  );
  return {
    run: async (go: Go) => {
      worker.send(go);
      return worker.next('report');
    },
    stop: () => worker.stop(),
  };
}

/** One bot replica: its own gate on the shared Redis, M supervisors asking in loops. */
async function replica(): Promise<void> {
  const metrics = createMetrics();
  let leaseWaitsMs: number[] = [];
  const observe = metrics.leaseWaitSeconds.observe.bind(metrics.leaseWaitSeconds);
  metrics.leaseWaitSeconds.observe = ((labels: Record<string, string>, seconds: number) => {
    leaseWaitsMs.push(seconds * 1000);
    observe(labels, seconds);
  }) as typeof metrics.leaseWaitSeconds.observe;
  const vendorUrl = process.env.BENCH_VENDOR ?? '';
  const gate = createRedisQuotaGate({ redis: REDIS_URL, prefix: process.env.BENCH_PREFIX ?? 'bench-quota', metrics });
  await gate.usage({ key: 'wolkvox:ready', concurrency: 1, reserveShare: 0, timeZone: 'UTC' });
  if (gate.mode() !== 'shared') throw new Error('bench replica cannot reach Redis');

  process.on('message', async (message: Go | { cmd: 'exit' }) => {
    if (message.cmd === 'exit') {
      await gate.close();
      process.exit(0);
    }
    leaseWaitsMs = [];
    const requests: Array<[number, string]> = [];
    const failures: string[] = [];
    let stale = 0;
    await sleep(Math.max(0, message.startAt - Date.now()));
    const end = message.startAt + message.durationMs;
    const { keys } = message.scenario;
    const supervisor = async () => {
      await sleep(Math.random() * message.thinkMs);
      while (Date.now() < end) {
        const key = keys[Math.floor(Math.random() * keys.length)]!;
        requests.push([Date.now() - message.startAt, key]);
        try {
          const answer = await gate.run({
            token: message.token,
            source: 'bogota',
            vendor: 'wolkvox',
            key,
            endpoint: key.split(':')[1]!,
            ttlMs: message.ttlMs,
            priority: 'interactive',
            fetch: (s) => fetchCounted(vendorUrl, key, s),
          });
          if (answer.stale) stale += 1;
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
        await sleep(-Math.log(1 - Math.random()) * message.thinkMs);
      }
    };
    await Promise.all(Array.from({ length: message.supervisors }, supervisor));
    const report: Report = { cmd: 'report', requests, leaseWaitsMs, stale, failures };
    process.send?.(report);
  });
  process.send?.({ cmd: 'ready' });
}
