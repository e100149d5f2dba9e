import { afterEach, describe, expect, it } from 'vitest';
import { createComm100Adapter } from '../../adapters/comm100/adapter.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource } from '../../src/sources/source.js';
import { createMemoryWatcherStore } from '../../src/watcher/store/memory-store.js';
import { summaryChart } from '../../src/watcher/summaries/summary-chart.js';
import { gatherSummary } from '../../src/watcher/summaries/summary-figures.js';
import { startFakeComm100, type FakeComm100 } from '../fakes/fake-comm100.js';
import { sourceFor } from './setup.js';

// Tuesday 5 March 2024, 11:30 in Bogotá (UTC-5).
const NOW = new Date('2024-03-05T16:30:00Z');
const ZONE = 'America/Bogota';

/** `count` chats from a local Bogotá time, one every 5 minutes, each 6 minutes long. */
function chatsFrom(localStart: string, count: number) {
  const start = Date.parse(`${localStart}-05:00`);
  return Array.from({ length: count }, (_, i) => ({ start: new Date(start + i * 5 * 60_000).toISOString(), chatSeconds: 360 }));
}

let fake: FakeComm100;
afterEach(async () => fake?.close());

async function summaryOfToday() {
  const adapter = createComm100Adapter(sourceFor(fake), { now: () => NOW, retries: 0, retryBaseDelayMs: 1 });
  const source = createSource({
    adapter,
    gate: createMemoryQuotaGate({ now: () => NOW.getTime() }),
    label: 'Service desk',
    token: { key: adapter.quotaKey, concurrency: 4, reserveShare: 0.1, timeZone: ZONE },
  });
  return gatherSummary({ sources: [source], timeZone: ZONE, store: createMemoryWatcherStore(), now: NOW });
}

describe('Comm100 chats per hour, counted by the vendor hour by hour', () => {
  it('gives the daily summary its busiest hour, last week to compare with, and the picture', async () => {
    fake = await startFakeComm100({
      rateLimit: false,
      data: {
        dayChats: [
          ...chatsFrom('2024-03-05T08:10:00', 3),
          ...chatsFrom('2024-03-05T09:00:00', 5),
          ...chatsFrom('2024-03-05T11:05:00', 2),
          // The Tuesday before.
          ...chatsFrom('2024-02-27T10:00:00', 4),
          ...chatsFrom('2024-02-27T11:00:00', 6),
        ],
      },
    });
    const figures = await summaryOfToday();
    const [day] = figures.sources;
    expect(day!.problem).toBeUndefined();
    expect(day!.today!.chats).toBe(10);
    expect(day!.today!.chatsByHour!.slice(8, 12)).toEqual([3, 5, 0, 2]);
    expect(day!.busiestHour).toEqual({ hour: 9, chats: 5 });
    expect(day!.lastWeek!.chats).toBe(10);
    expect(day!.lastWeek!.chatsByHour!.slice(10, 12)).toEqual([4, 6]);
    // By 11:30 last Tuesday: the 4 chats of 10:00 and half of 11:00's 6.
    expect(day!.lastWeekSoFar).toEqual({ chats: 7, until: '11:30' });
    const chart = summaryChart(figures)!;
    expect(chart.series.map((s) => s.name)).toEqual(['Chats today', 'Same day last week']);

    // Today's hours not yet begun are not asked for.
    const todayHours = fake.controls.requests.filter(
      (r) =>
        r.route === 'livechat/realTime/Today' &&
        r.query.startTime!.startsWith('2024-03-05T') &&
        r.query.endTime!.endsWith(':59:59') &&
        !r.query.endTime!.endsWith('23:59:59'),
    );
    expect(todayHours.map((r) => r.query.startTime!.slice(11, 13)).sort()).toEqual(Array.from({ length: 12 }, (_, h) => String(h).padStart(2, '0')));
  });
});
