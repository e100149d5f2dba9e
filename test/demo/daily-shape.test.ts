import { describe, expect, it } from 'vitest';
import { demoAt } from './clock.js';

describe('the demo follows a contact center day in its time zone', () => {
  it('is quiet at 03:00 local: the night desk of a few agents answers a trickle of chats', async () => {
    const { demo } = demoAt('2024-03-18T03:00');
    const queue = await demo.queue();
    expect(queue.totals.waiting).toBeLessThan(3);
    expect(queue.totals.agentsOnline).toBeGreaterThan(0);
    expect(queue.totals.agentsOnline).toBeLessThanOrEqual(3);
    const withAgents = (await demo.activeChats()).filter((c) => c.agentName);
    expect(withAgents.length).toBeGreaterThan(0);
    expect(withAgents.length).toBeLessThan(10);
  });

  it('has a busy hour near midday when the queue grows past 8 and waits last minutes', async () => {
    const { demo, setClock } = demoAt('2024-03-18T10:30');
    let mostWaiting = 0;
    let longestWait = 0;
    let minutesWithNobodyAvailable = 0;
    for (let minute = 10 * 60 + 30; minute < 12 * 60 + 30; minute += 1) {
      setClock(`2024-03-18T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
      const { totals } = await demo.queue();
      mostWaiting = Math.max(mostWaiting, totals.waiting);
      longestWait = Math.max(longestWait, totals.longestWaitSeconds ?? 0);
      if (totals.agentsAvailable === 0) minutesWithNobodyAvailable += 1;
    }
    expect(mostWaiting).toBeGreaterThan(8);
    expect(longestWait).toBeGreaterThan(180);
    expect(minutesWithNobodyAvailable).toBeGreaterThan(0);
  });

  it('is calm in the early morning: agents free and the queue short', async () => {
    const { demo } = demoAt('2024-03-18T08:15');
    const { totals } = await demo.queue();
    expect(totals.agentsOnline).toBeGreaterThan(3);
    expect(totals.waiting).toBeLessThan(4);
  });

  it('is quieter on a Sunday than on a Monday', async () => {
    const { demo } = demoAt('2024-03-19T09:00');
    const sunday = await demo.dayStats('2024-03-17');
    const monday = await demo.dayStats('2024-03-18');
    expect(sunday.chats).toBeLessThan(monday.chats / 2);
  });

  it('adds the queues up in the totals, counting an agent of two queues once', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const { queues, totals } = await demo.queue();
    const sum = (pick: (q: (typeof queues)[number]) => number | undefined): number => queues.reduce((s, q) => s + (pick(q) ?? 0), 0);
    expect(queues.map((q) => q.name)).toEqual(['Ventas', 'Soporte', 'Cobranza', 'WhatsApp VIP']);
    expect(totals.waiting).toBe(sum((q) => q.waiting));
    expect(totals.ongoingChats).toBe(sum((q) => q.ongoingChats));
    expect(totals.abandonedLast30m).toBe(sum((q) => q.abandonedLast30m));
    expect(totals.longestWaitSeconds).toBe(Math.max(...queues.map((q) => q.longestWaitSeconds ?? 0)));
    expect(totals.agentsAvailable).toBeLessThanOrEqual(sum((q) => q.agentsAvailable));
    const agents = await demo.agents();
    expect(totals.agentsAvailable).toBe(agents.filter((a) => a.state === 'available').length);
    expect(totals.ongoingChats).toBe(agents.reduce((s, a) => s + (a.ongoingChats ?? 0), 0));
  });

  it('lists a team of 19 to 23 agents (day team and night desk), each within their chat capacity', async () => {
    const { demo } = demoAt('2024-03-18T11:40');
    const agents = await demo.agents();
    expect(agents.length).toBeGreaterThanOrEqual(19);
    expect(agents.length).toBeLessThanOrEqual(23);
    for (const agent of agents) {
      expect(agent.ongoingChats).toBeLessThanOrEqual(agent.maxChats!);
      if (agent.state === 'available') expect(agent.ongoingChats).toBeLessThan(agent.maxChats!);
      if (agent.since) expect(Date.parse(agent.since)).toBeLessThanOrEqual(Date.parse('2024-03-18T16:40:00Z'));
    }
    expect(new Set(agents.map((a) => a.state))).toContain('busy');
  });
});

describe('the demo reads the day in the source time zone', () => {
  it('is at its night desk in Budapest at 03:00 there while Bogotá, at the same instant, has its day team', async () => {
    const { createDemoAdapter } = await import('../../adapters/demo/adapter.js');
    const instant = new Date('2024-03-19T02:00:00Z');
    const source = (timeZone: string) =>
      createDemoAdapter({ id: timeZone, vendor: 'demo', seed: 42, timeZone, quota: { reservePercent: 10 } }, { now: () => instant });
    const budapest = await source('Europe/Budapest').queue();
    const bogota = await source('America/Bogota').queue();
    expect(budapest.totals.agentsOnline).toBeLessThanOrEqual(3);
    expect(bogota.totals.agentsOnline).toBeGreaterThan((budapest.totals.agentsOnline ?? 0) + 3);
    expect((await source('Europe/Budapest').today()).date).toBe('2024-03-19');
    expect((await source('America/Bogota').today()).date).toBe('2024-03-18');
  });
});
