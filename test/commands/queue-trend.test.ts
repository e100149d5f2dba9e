import { describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { demoSourceSchema } from '../../src/config/source-schemas.js';
import { ALL_QUEUES, backfillHistory, createMemoryHistory, type History } from '../../src/history/index.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { renderText } from '../../src/reply/render-text.js';
import { createSource } from '../../src/sources/source.js';
import { routerOver } from '../support/router-kit.js';
import { DEMO_NOW } from './vendors.js';

const CONSOLE = { platform: 'console' as const, userId: 'console' };

function demoRouter(history: History | undefined, now = DEMO_NOW) {
  const config = demoSourceSchema.parse({ vendor: 'demo', seed: 42, timeZone: 'America/Bogota' });
  const adapter = createDemoAdapter({ ...config, id: 'demo' }, { now: () => now });
  const gate = createMemoryQuotaGate({ now: () => now.getTime() });
  const source = createSource({
    adapter,
    gate,
    label: 'Demo contact center',
    token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone },
  });
  const router = routerOver([source], { now: () => now, history });
  return { adapter, router, ask: (text: string) => router.handle({ text, asker: CONSOLE, venue: 'console' }) };
}

/** The sparkline cell of a queue's row in the text table. */
function sparkOf(text: string, queue: string): string | undefined {
  const row = text.split('\n').find((line) => line.startsWith(`${queue} `));
  return row?.match(/[▁▂▃▄▅▆▇█ ]{20}$/)?.[0];
}

describe('/queue trends from history', () => {
  it('shows a sparkline of the last hour per queue, from the demo’s backfill alone', async () => {
    const history = createMemoryHistory();
    const bot = demoRouter(history);
    await backfillHistory({ history, adapters: [bot.adapter], now: DEMO_NOW, from: new Date(DEMO_NOW.getTime() - 3 * 3_600_000) });
    const reply = await bot.ask('/queue');
    const text = renderText(reply, { now: DEMO_NOW });
    expect(text).toContain('Last hour');
    for (const name of ['Ventas', 'Soporte', 'Cobranza', 'WhatsApp VIP']) expect(sparkOf(text, name), name).toMatch(/^[▁▂▃▄▅▆▇█]{20}$/);
  });

  it('draws the busiest moment of the hour as the tallest bar, at its place in time', async () => {
    const history = createMemoryHistory();
    const bot = demoRouter(history);
    const hourAgo = DEMO_NOW.getTime() - 3_600_000;
    // Ventas: nobody for an hour except 12 waiting between 30 and 33 minutes ago.
    for (let m = 0; m <= 60; m++) {
      const at = hourAgo + m * 60_000;
      await history.record('demo', 'Ventas', new Date(at), { 'queue.waiting': m >= 27 && m < 30 ? 12 : 0 });
    }
    const text = renderText(await bot.ask('/queue'), { now: DEMO_NOW });
    expect(sparkOf(text, 'Ventas')).toBe('▁▁▁▁▁▁▁▁▁█▁▁▁▁▁▁▁▁▁▁');
  });

  it('carries a chart of waiting and longest wait over two hours, with last week beside it', async () => {
    const history = createMemoryHistory();
    const bot = demoRouter(history);
    await backfillHistory({ history, adapters: [bot.adapter], now: DEMO_NOW, from: new Date(DEMO_NOW.getTime() - 2 * 3_600_000) });
    const withoutLastWeek = (await bot.ask('/queue')).chart!;
    expect(withoutLastWeek.series.map((s) => s.name)).toEqual(['Waiting', 'Longest wait']);

    const week = 7 * 86_400_000;
    await backfillHistory({
      history,
      adapters: [bot.adapter],
      now: DEMO_NOW,
      from: new Date(DEMO_NOW.getTime() - week - 2 * 3_600_000),
      to: new Date(DEMO_NOW.getTime() - week),
    });
    const chart = (await bot.ask('/queue')).chart!;
    expect(chart.series.map((s) => s.name)).toEqual(['Waiting', 'Longest wait', 'Waiting, last week', 'Longest wait, last week']);
    const recent = await history.range('demo', ALL_QUEUES, new Date(DEMO_NOW.getTime() - 2 * 3_600_000), DEMO_NOW);
    expect(chart.series[0]!.points).toEqual(recent.map((s) => [s.at, s.figures['queue.waiting']]));
    // Last week is laid on this week's time axis.
    const lastWeek = chart.series[2]!.points;
    expect(lastWeek[0]![0]).toBeGreaterThanOrEqual(DEMO_NOW.getTime() - 2 * 3_600_000);
    expect(lastWeek.at(-1)![0]).toBeLessThanOrEqual(DEMO_NOW.getTime());
    expect(chart.description).toMatch(/^Waiting \d+ → \d+ \(peak \d+\); longest wait .+ over the last 2 hours\. Same time last week: peak \d+ waiting\.$/);
  });

  it('answers with the snapshot alone when there is no history', async () => {
    const bot = demoRouter(undefined);
    const reply = await bot.ask('/queue');
    expect(renderText(reply, { now: DEMO_NOW })).not.toContain('Last hour');
    expect(reply.chart).toBeUndefined();
  });
});
