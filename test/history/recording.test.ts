import { afterEach, describe, expect, it } from 'vitest';
import { ALL_QUEUES, backfillHistory, createMemoryHistory, RETENTION } from '../../src/history/index.js';
import { silentLogger } from '../../src/log/logger.js';
import { createConsolePlatform } from '../../src/platforms/console/console-platform.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource } from '../../src/sources/source.js';
import { createWatcher, type Watcher } from '../../src/watcher/watcher.js';
import { bogota, demoAt } from '../demo/clock.js';
import { configWith } from '../watcher/kit.js';

const demoSources = { demo: { vendor: 'demo', timeZone: 'America/Bogota', seed: 42 } };

let watcher: Watcher | undefined;
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
});

describe('recording history', () => {
  it('the watcher’s leader records every queue figure of each poll, per queue and for the source', async () => {
    const { demo, setClock } = demoAt('2026-11-17T11:30');
    let now = bogota('2026-11-17T11:30');
    const gate = createMemoryQuotaGate({ now: () => now.getTime() });
    const source = createSource({
      adapter: demo,
      gate,
      label: 'Demo',
      token: { key: 'demo', concurrency: 8, reserveShare: 0.1, timeZone: 'America/Bogota' },
      ttlMs: { queue: 0, agents: 0 },
    });
    const history = createMemoryHistory();
    // The only rule reads agents: the queues are recorded all the same.
    const config = configWith({ sources: demoSources, alerts: [{ metric: 'agents.available', source: 'demo', below: 1, channels: ['console'] }] });
    watcher = createWatcher({
      config,
      sources: [source],
      platforms: [createConsolePlatform(() => undefined)],
      logger: silentLogger(),
      now: () => now,
      history,
    });

    await watcher.pollOnce();
    now = bogota('2026-11-17T11:31');
    setClock('2026-11-17T11:31');
    await watcher.pollOnce();

    const from = bogota('2026-11-17T11:00');
    const to = bogota('2026-11-17T12:00');
    const [first, second] = [await demo.queueAt(bogota('2026-11-17T11:30')), await demo.queueAt(bogota('2026-11-17T11:31'))];
    for (const q of first.queues) {
      const samples = await history.range('demo', q.name, from, to);
      expect(samples.map((s) => s.at)).toEqual([bogota('2026-11-17T11:30').getTime(), bogota('2026-11-17T11:31').getTime()]);
      expect(samples[0]!.figures).toMatchObject({ 'queue.waiting': q.waiting, 'queue.longest_wait_seconds': q.longestWaitSeconds });
      expect(samples[1]!.figures['queue.waiting']).toBe(second.queues.find((x) => x.name === q.name)!.waiting);
    }
    const totals = await history.range('demo', ALL_QUEUES, from, to);
    expect(totals[0]!.figures).toMatchObject({ 'queue.waiting': first.totals.waiting, 'agents.available': first.totals.agentsAvailable });
    await gate.close();
  });

  it('the demo backfills 8 days from its simulation: every minute of the last day, every 5 minutes before', async () => {
    const { demo } = demoAt('2026-11-17T11:30');
    const history = createMemoryHistory();
    const now = bogota('2026-11-17T11:30');
    await backfillHistory({ history, adapters: [demo], now });

    const lastHour = await history.range('demo', 'Soporte', new Date(now.getTime() - 3_600_000), now);
    expect(lastHour).toHaveLength(61);
    const tenMinutesAgo = new Date(now.getTime() - 600_000);
    const then = (await demo.queueAt(tenMinutesAgo)).queues.find((q) => q.name === 'Soporte')!;
    expect(lastHour.find((s) => s.at === tenMinutesAgo.getTime())!.figures['queue.waiting']).toBe(then.waiting);

    const weekAgo = now.getTime() - 7 * 86_400_000;
    const lastWeek = await history.range('demo', 'Soporte', new Date(weekAgo - 3_600_000), new Date(weekAgo));
    expect(lastWeek.map((s) => s.at)).toEqual(Array.from({ length: 13 }, (_, i) => weekAgo - 3_600_000 + i * RETENTION.coarseStepMs));
  });

  it('fills only the slots history does not hold, so a restart or a second replica adds nothing', async () => {
    const { demo } = demoAt('2026-11-17T11:30');
    const history = createMemoryHistory();
    const now = bogota('2026-11-17T11:30');
    const polled = new Date(now.getTime() - 5 * 60_000 + 2_000);
    await history.record('demo', ALL_QUEUES, polled, { 'queue.waiting': 1 });
    const from = new Date(now.getTime() - 3_600_000);
    expect(await backfillHistory({ history, adapters: [demo], now, from })).toBe(60);
    const totals = await history.range('demo', ALL_QUEUES, from, now);
    expect(totals).toHaveLength(61);
    expect(totals.find((s) => s.at === polled.getTime())!.figures).toEqual({ 'queue.waiting': 1 });
    expect(await backfillHistory({ history, adapters: [demo], now, from })).toBe(0);
  });
});
