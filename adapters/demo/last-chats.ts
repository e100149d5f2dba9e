import type { DaySim, SimConversation } from './day-sim.js';

/** An agent's last finished chat: its id and when it ended, in epoch milliseconds. */
export interface LastChat {
  id: string;
  endedMs: number;
}

/**
 * Each agent's (by agent id) most recently finished chat at `t` seconds after the day's
 * midnight: the agent who held it when it closed. `idOf` turns a conversation into its id.
 */
export function lastChatsAt(sim: DaySim, t: number, dayStartMs: number, idOf: (c: SimConversation) => string): Map<string, LastChat> {
  const last = new Map<string, { c: SimConversation }>();
  for (const c of sim.conversations) {
    if (c.start > t) break;
    if (c.assignedAt === undefined || c.endAt > t) continue;
    const holder = c.transferredAt !== undefined && c.transferredAt <= c.endAt ? c.transferTo! : c.agent!;
    const agentId = sim.agents[holder]!.agent.id;
    const known = last.get(agentId);
    if (!known || known.c.endAt < c.endAt) last.set(agentId, { c });
  }
  return new Map([...last].map(([agentId, { c }]) => [agentId, { id: idOf(c), endedMs: dayStartMs + c.endAt * 1000 }]));
}
