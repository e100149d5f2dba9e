import { describe, expect, it } from 'vitest';
import { VendorError } from '../../src/domain/errors.js';
import { bogota, demoAt } from './clock.js';

const todaySoFar = { from: bogota('2024-03-18T00:00').toISOString(), to: bogota('2024-03-18T11:40').toISOString(), label: 'today' };

describe('demo day figures', () => {
  it('counts today by hour up to now: the hours add up to the chats, later hours are empty', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const today = await demo.today();
    expect(today.date).toBe('2024-03-18');
    expect(today.chatsByHour).toHaveLength(24);
    expect(today.chatsByHour!.reduce((a, b) => a + b, 0)).toBe(today.chats);
    expect(today.chatsByHour!.slice(12).every((n) => n === 0)).toBe(true);
    expect(today.chatsByHour![11]).toBeGreaterThan(0);
    expect(today.chatsByHour![11]).toBeGreaterThan(today.chatsByHour![3]!);
    expect(today.missed! + today.abandoned!).toBeLessThan(today.chats);
    expect(today.slaRate).toBeGreaterThan(0);
    expect(today.slaRate).toBeLessThanOrEqual(1);
    expect(today.averageWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(today.firstResponseSeconds).toBeGreaterThan(today.averageWaitSeconds!);
    expect(await demo.dayStats('2024-03-18')).toEqual(today);
  });

  it('grows through the day and a finished day has all 24 hours', async () => {
    const { demo, setClock } = demoAt('2024-03-18T09:00');
    const morning = await demo.today();
    setClock('2024-03-18T16:00');
    const afternoon = await demo.today();
    expect(afternoon.chats).toBeGreaterThan(morning.chats);
    expect(afternoon.slaBreaches).toBeGreaterThanOrEqual(morning.slaBreaches!);
    setClock('2024-03-19T08:00');
    const monday = await demo.dayStats('2024-03-18');
    expect(monday.chatsByHour!.reduce((a, b) => a + b, 0)).toBe(monday.chats);
    expect(monday.chatsByHour![20]).toBeGreaterThan(0);
    expect(monday.chats).toBeGreaterThan(800);
  });

  it('reports handoffs with a rate that is handed over / bot conversations, matching /today', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const report = await demo.handoffs(todaySoFar);
    expect(report.range).toEqual(todaySoFar);
    expect(report.botConversations).toBeGreaterThan(report.handedToAgent);
    expect(report.rate).toBeGreaterThan(0);
    expect(report.rate).toBeLessThan(1);
    expect(report.rate).toBe(report.handedToAgent / report.botConversations);
    expect(report.rate).toBe((await demo.today()).handoffRate);
    expect(report.averageSecondsOnBot).toBeGreaterThan(30);
    expect(report.averageSecondsToAgent).toBeGreaterThan(0);
    const counts = report.topRoutingPoints.map((p) => p.handoffs);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(report.handedToAgent);
    expect(report.topRoutingPoints[0]!.name).toMatch(/ · /);
  });

  it('adds days up: a week of handoffs is the sum of its days', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const week = await demo.handoffs({ from: bogota('2024-03-11T00:00').toISOString(), to: bogota('2024-03-18T00:00').toISOString(), label: 'last 7 days' });
    let bot = 0;
    let handed = 0;
    for (let d = 11; d < 18; d += 1) {
      const day = await demo.handoffs({ from: bogota(`2024-03-${d}T00:00`).toISOString(), to: bogota(`2024-03-${d + 1}T00:00`).toISOString(), label: 'day' });
      bot += day.botConversations;
      handed += day.handedToAgent;
    }
    expect(week.botConversations).toBe(bot);
    expect(week.handedToAgent).toBe(handed);
  });

  it('answers an empty day for a date still to come and refuses what is not a date', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const tomorrow = await demo.dayStats('2024-03-19');
    expect(tomorrow.chats).toBe(0);
    expect(tomorrow.chatsByHour).toEqual(new Array(24).fill(0));
    await expect(demo.dayStats('18/03/2024')).rejects.toMatchObject({ kind: 'refused', reason: 'bad-request' });
    await expect(demo.dayStats('2024-02-31')).rejects.toBeInstanceOf(VendorError);
  });

  it('refuses a reversed or over-long handoff range', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    await expect(demo.handoffs({ from: todaySoFar.to, to: todaySoFar.from, label: 'x' })).rejects.toMatchObject({ kind: 'refused', reason: 'bad-request' });
    await expect(demo.handoffs({ from: 'yesterday', to: todaySoFar.to, label: 'x' })).rejects.toMatchObject({ reason: 'bad-request' });
    await expect(demo.handoffs({ from: '2023-12-01T00:00:00Z', to: todaySoFar.to, label: 'x' })).rejects.toMatchObject({
      kind: 'refused',
      reason: 'range-too-long',
    });
  });

  it('counts the requests it answered today, as a vendor counts a token, and starts again at local midnight', async () => {
    const { demo, setClock } = demoAt('2024-03-18T06:00');
    await demo.queue();
    await demo.agents();
    await demo.transcript('DEMO-24031800011');
    const early = await demo.tokenUsage();
    expect(early.usedToday).toBe(4);
    expect(early.limit).toBe(10_000);
    setClock('2024-03-18T18:00');
    await demo.today();
    const late = await demo.tokenUsage();
    expect(late.usedToday).toBe(6);
    expect(late.allTokensToday).toBeGreaterThan(early.allTokensToday!);
    setClock('2024-03-19T00:01');
    expect((await demo.tokenUsage()).usedToday).toBe(1);
  });

  it('declares every capability and a quota key of its own seed', () => {
    const { demo } = demoAt('2024-03-18T11:40');
    expect([...demo.capabilities].sort()).toEqual(['activeChats', 'agents', 'dayStats', 'handoffs', 'queue', 'today', 'tokenUsage', 'transcript']);
    expect(demo.quotaKey).toBe('demo:42');
    expect(demo.vendor).toBe('demo');
    expect(demo.timeZone).toBe('America/Bogota');
  });
});
