/**
 * How long a chart takes to draw and how big the PNG is: the `/queue` chart of the demo (two
 * hours, with last week) and a daily-summary chart, each drawn cold (first use loads ECharts
 * and resvg) then warm. Prints wall and CPU milliseconds per chart and the PNG size; with
 * `--out DIR` also writes the PNGs to look at. Run: npx tsx bench/chart-render.ts [--out /tmp/charts]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoAdapter } from '../adapters/demo/adapter.js';
import { queueTrends } from '../commands/queue-trend.js';
import { renderChartPng, renderChartSvg } from '../src/charts/render-chart.js';
import { backfillHistory, createMemoryHistory } from '../src/history/index.js';
import { createMemoryQuotaGate } from '../src/quota/memory-gate.js';
import type { ReplyChart } from '../src/reply/chart.js';
import { createSource } from '../src/sources/source.js';
import { summaryChart } from '../src/watcher/summaries/summary-chart.js';

const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
const now = new Date('2026-11-17T11:30:00-05:00');
const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed: 42, timeZone: 'America/Bogota', quota: { reservePercent: 10 } }, { now: () => now });
const gate = createMemoryQuotaGate();
const source = createSource({
  adapter: demo,
  gate,
  label: 'Demo contact center',
  token: { key: 'demo', concurrency: 8, reserveShare: 0.1, timeZone: 'America/Bogota' },
});
const history = createMemoryHistory();
const week = 7 * 86_400_000;
await backfillHistory({ history, adapters: [demo], now, from: new Date(now.getTime() - 2 * 3_600_000) });
await backfillHistory({ history, adapters: [demo], now, from: new Date(now.getTime() - week - 2 * 3_600_000), to: new Date(now.getTime() - week) });
const queueChart = (await queueTrends(history, source, [], now)).chart!;

const charts: Array<[string, ReplyChart]> = [['queue', queueChart]];
const summary = summaryChart({
  date: '2026-11-17',
  timeZone: 'America/Bogota',
  at: now,
  sources: [
    {
      sourceId: 'demo',
      label: 'Demo contact center',
      timeZone: 'America/Bogota',
      today: await demo.dayStats('2026-11-17'),
      lastWeek: await demo.dayStats('2026-11-10'),
      partial: true,
    },
  ],
  alerts: { count: 1, critical: 0, acknowledged: 0, fired: [{ at: Date.parse('2026-11-17T10:42:00-05:00'), ruleId: 'queue-long', severity: 'warning' }] },
});
if (summary) charts.push(['summary', summary]);

for (const [name, chart] of charts) {
  for (const run of ['cold', 'warm', 'warm', 'warm']) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const svg = await renderChartSvg(chart);
    const svgMs = performance.now() - wall;
    const png = await renderChartPng(chart);
    const used = process.cpuUsage(cpu);
    console.log(
      `${name.padEnd(8)} ${run}  svg ${svgMs.toFixed(0).padStart(4)} ms (${(svg.length / 1024).toFixed(1)} KB)  svg+png ${(performance.now() - wall).toFixed(0).padStart(4)} ms wall, ${((used.user + used.system) / 1000).toFixed(0).padStart(4)} ms cpu  png ${(png.length / 1024).toFixed(1)} KB`,
    );
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${name}.png`), png);
    }
  }
}
console.log(`rss after the run: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
await gate.close();
