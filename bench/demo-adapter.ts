/**
 * How long the demo adapter takes per question: the first question of a day (it simulates the
 * day), then warm questions. Prints wall and CPU milliseconds (CPU is what matters on a shared
 * machine). Run: npx tsx bench/demo-adapter.ts
 */
import { createDemoAdapter } from '../adapters/demo/adapter.js';

let now = new Date('2024-03-18T11:40:00-05:00');
const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed: 42, timeZone: 'America/Bogota', quota: { reservePercent: 10 } }, { now: () => now });

async function measure(label: string, runs: number, call: (i: number) => Promise<unknown>): Promise<void> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) await call(i);
  const used = process.cpuUsage(cpu);
  const perCallCpu = (used.user + used.system) / 1000 / runs;
  console.log(
    `${label.padEnd(46)} ${String(runs).padStart(4)} runs  wall ${((performance.now() - wall) / runs).toFixed(2).padStart(7)} ms  cpu ${perCallCpu.toFixed(2).padStart(7)} ms`,
  );
}

await measure('first queue() of the process (cold JIT + day)', 1, () => demo.queue());
await measure('queue() same day, minute by minute', 600, (i) => {
  now = new Date(Date.parse('2024-03-18T08:00:00-05:00') + i * 60_000);
  return demo.queue();
});
await measure('agents()', 300, () => demo.agents());
now = new Date('2024-03-18T11:40:00-05:00');
await measure('activeChats() at the busy hour', 200, () => demo.activeChats());
const ids = (await demo.activeChats()).map((c) => c.id);
await measure('transcript(active id)', 300, (i) => demo.transcript(ids[i % ids.length]!));
await measure('today()', 300, () => demo.today());
await measure('handoffs(today)', 300, () => demo.handoffs({ from: '2024-03-18T05:00:00Z', to: now.toISOString(), label: 'today' }));
await measure('dayStats(past day), each a new day: one simulation', 200, (i) =>
  demo.dayStats(new Date(Date.parse('2023-06-01') + i * 86_400_000).toISOString().slice(0, 10)),
);
await measure('handoffs(last 30 days) after the days are known', 50, () =>
  demo.handoffs({ from: '2024-02-17T05:00:00Z', to: now.toISOString(), label: 'last 30 days' }),
);
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`rss after the run: ${rss.toFixed(0)} MB`);
