import { describe, expect, it } from 'vitest';
import { demoAt } from './clock.js';

const range = { from: '2024-03-18T05:00:00.000Z', to: '2024-03-18T16:30:00.000Z', label: 'today' };

async function everything(localTime: string, seed = 42): Promise<unknown> {
  const { demo } = demoAt(localTime, seed);
  const chats = await demo.activeChats();
  return {
    queue: await demo.queue(),
    agents: await demo.agents(),
    chats,
    transcript: await demo.transcript(chats[0]!.id),
    today: await demo.today(),
    yesterday: await demo.dayStats('2024-03-17'),
    handoffs: await demo.handoffs(range),
    tokens: await demo.tokenUsage(),
  };
}

describe('the demo contact center is a function of its seed and the clock', () => {
  it('gives identical answers to two sources with the same seed at the same instant', async () => {
    expect(await everything('2024-03-18T11:30')).toEqual(await everything('2024-03-18T11:30'));
  });

  it('gives the same answer when asked twice, whatever was asked in between', async () => {
    const { demo } = demoAt('2024-03-18T11:30');
    const first = await demo.queue();
    await demo.dayStats('2024-03-12');
    await demo.handoffs({ from: '2024-03-01T05:00:00.000Z', to: '2024-03-18T16:30:00.000Z', label: 'this month' });
    await demo.activeChats();
    expect(await demo.queue()).toEqual(first);
  });

  it('shows another operation for another seed', async () => {
    const [a, b] = [await everything('2024-03-18T11:30', 42), await everything('2024-03-18T11:30', 7)] as Array<Record<string, unknown>>;
    expect(b!.agents).not.toEqual(a!.agents);
    expect(b!.queue).not.toEqual(a!.queue);
    expect(b!.today).not.toEqual(a!.today);
  });

  it('moves on from one minute to the next: agents change state and queues change', async () => {
    const { demo, setClock } = demoAt('2024-03-18T11:00');
    const queues: unknown[] = [];
    const agentStates: string[] = [];
    for (let minute = 0; minute < 10; minute += 1) {
      setClock(`2024-03-18T11:${String(minute).padStart(2, '0')}`);
      queues.push((await demo.queue()).totals);
      agentStates.push((await demo.agents()).map((a) => `${a.state}:${a.ongoingChats}:${a.chatsToday}`).join());
    }
    expect(new Set(queues.map((q) => JSON.stringify(q))).size).toBeGreaterThan(5);
    expect(new Set(agentStates).size).toBeGreaterThan(5);
    const states = async (time: string): Promise<string[]> => {
      setClock(time);
      return (await demo.agents()).map((a) => a.state);
    };
    const [before, after] = [await states('2024-03-18T11:00'), await states('2024-03-18T11:20')];
    expect(before.filter((state, i) => state !== after[i]).length).toBeGreaterThan(0);
  });

  it('keeps yesterday fixed while today goes on', async () => {
    const { demo, setClock } = demoAt('2024-03-18T09:00');
    const before = await demo.dayStats('2024-03-17');
    setClock('2024-03-18T15:00');
    expect(await demo.dayStats('2024-03-17')).toEqual(before);
  });
});
