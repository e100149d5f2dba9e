import { AGENT_NAMES, BREAKS, VIP, type QueueIndex } from './operation.js';
import { hashInts, rngFor } from './random.js';

/** One agent of the simulated team; the same every day for a seed. */
export interface DemoAgent {
  index: number;
  id: string;
  name: string;
  /** Queues the agent takes chats from, the main one first. */
  skills: readonly QueueIndex[];
  maxChats: number;
  /** Day shifts follow the busy hours; the night desk (`night`, `late`) covers the rest of the 24 h. */
  shift: 'morning' | 'middle' | 'evening' | 'night' | 'late';
}

/** An agent's plan for one day: when they log in and out, and the breaks they will ask for. */
export interface AgentDayPlan {
  agent: DemoAgent;
  /** Seconds after local midnight; undefined when the agent does not work that day. */
  loginAt?: number;
  logoutAt?: number;
  breaks: Array<{ at: number; seconds: number; label: string }>;
}

const TEAM_PATTERN: readonly QueueIndex[] = [3, 0, 1, 2, 0, 1, 3, 0, 1, 2, 1, 0, 2, 1, 0, 2, 1, 0, 1, 0];
const SHIFT_PATTERN: readonly DemoAgent['shift'][] = ['morning', 'middle', 'evening'];

/** The night desk: five agents who take every queue, so the operation answers around the clock. */
const NIGHT_DESK: readonly DemoAgent['shift'][] = ['night', 'night', 'night', 'late', 'late'];

/**
 * The team for a seed: a day team of 14 to 18 agents (names and skills drawn from the seed) and
 * the night desk after it.
 */
export function buildRoster(seed: number): DemoAgent[] {
  const rng = rngFor(seed, 0x7e4a);
  const size = rng.int(14, 18);
  const names = [...AGENT_NAMES];
  for (let i = names.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [names[i], names[j]] = [names[j] as string, names[i] as string];
  }
  const perTeam = new Map<QueueIndex, number>();
  const dayTeam = Array.from({ length: size }, (_, index): DemoAgent => {
    const main = TEAM_PATTERN[index] as QueueIndex;
    const position = perTeam.get(main) ?? 0;
    perTeam.set(main, position + 1);
    // VIP agents help Ventas when the VIP line is quiet; others often cover one more queue.
    // Some Ventas agents also cover the VIP line, so that it never depends on two people only.
    const others = main === 0 ? ([1, 2, VIP] as QueueIndex[]) : ([0, 1, 2] as QueueIndex[]).filter((q) => q !== main);
    const skills: QueueIndex[] = main === VIP ? [VIP, 0] : rng.chance(0.55) ? [main, rng.pick(others)] : [main];
    return {
      index,
      id: String(1001 + index),
      name: names[index] as string,
      skills,
      maxChats: main === VIP ? 3 : rng.pick([2, 3, 3, 3, 4]),
      // VIP has one agent early and one late; other teams rotate so every hour is covered.
      shift: main === VIP ? (position === 0 ? 'morning' : 'evening') : (SHIFT_PATTERN[(position + index) % 3] as DemoAgent['shift']),
    };
  });
  const nightDesk = NIGHT_DESK.map((shift, i): DemoAgent => {
    const index = size + i;
    return { index, id: String(1001 + index), name: names[index] as string, skills: [1, 0, 2, VIP], maxChats: 3, shift };
  });
  return [...dayTeam, ...nightDesk];
}

const WEEKDAY_SHIFTS: Record<DemoAgent['shift'], readonly [number, number]> = {
  morning: [7, 15],
  middle: [10, 18],
  evening: [14, 22],
  night: [0, 8],
  late: [17, 24],
};

/** Which agents work on a day and when; keyed by (seed, day, agent) only. */
export function planDay(seed: number, dayNumber: number, weekday: number, roster: readonly DemoAgent[]): AgentDayPlan[] {
  // Lunch slots rotate within each group that starts together, so a third of it eats at a time.
  const lunchRank = new Map<number, number>();
  return roster.map((agent) => {
    const rng = rngFor(seed, dayNumber, 0xa6e7, agent.index);
    const hours = shiftHours(agent, weekday, rng.next());
    if (!hours) return { agent, breaks: [] };
    const [from, to] = hours;
    const rank = lunchRank.get(from) ?? 0;
    lunchRank.set(from, rank + 1);
    const loginAt = Math.max(0, from * 3600 + rng.int(-300, 240));
    const logoutAt = to * 3600 - rng.int(0, 120);
    return { agent, loginAt, logoutAt, breaks: planBreaks(seed, dayNumber, agent.index, rank % 3, loginAt, logoutAt) };
  });
}

function shiftHours(agent: DemoAgent, weekday: number, draw: number): readonly [number, number] | undefined {
  // The night desk works every day; at weekends the night shift stays until the day team comes.
  if (agent.shift === 'late') return WEEKDAY_SHIFTS.late;
  if (agent.shift === 'night') return weekday <= 5 ? WEEKDAY_SHIFTS.night : [0, 10];
  if (weekday <= 5) return draw < 0.05 ? undefined : WEEKDAY_SHIFTS[agent.shift];
  // Weekends run on a rota: a stable half of the team on Saturday, a third on Sunday.
  const onRota = hashInts(agent.index, weekday) % 100;
  if (weekday === 6) {
    if (onRota >= 55 && agent.skills[0] !== VIP) return undefined;
    return agent.shift === 'evening' ? [12, 18] : [8, 14];
  }
  if (onRota >= 38 && !(agent.skills[0] === VIP && agent.shift === 'morning')) return undefined;
  return [9, 17];
}

function planBreaks(seed: number, dayNumber: number, agentIndex: number, lunchSlot: number, loginAt: number, logoutAt: number): AgentDayPlan['breaks'] {
  const rng = rngFor(seed, dayNumber, 0xb4ea, agentIndex);
  const hours = (logoutAt - loginAt) / 3600;
  const breaks: AgentDayPlan['breaks'] = [];
  const add = (kind: number, at: number): void => {
    const def = BREAKS[kind] as (typeof BREAKS)[number];
    breaks.push({ at: Math.round(at), seconds: rng.int(def.minMinutes * 60, def.maxMinutes * 60), label: def.label });
  };
  add(1, loginAt + rng.int(90, 150) * 60);
  if (hours >= 7) {
    // Lunch after the busy hour for the morning shift, as a planner would schedule it.
    const shiftStart = Math.round(loginAt / 3600) * 3600;
    // The morning shift eats after the busy hour; later shifts four hours in.
    const lunchBase = shiftStart >= 6 * 3600 && shiftStart <= 7 * 3600 ? 11.75 * 3600 : shiftStart + 3 * 3600;
    add(0, lunchBase + lunchSlot * 50 * 60 + rng.int(0, 8) * 60);
    add(1, loginAt + rng.int(400, 430) * 60);
  }
  add(3, loginAt + rng.int(30, Math.max(31, Math.floor(hours * 60) - 30)) * 60);
  if (rng.chance(0.1)) add(2, loginAt + rng.int(60, Math.max(61, Math.floor(hours * 60) - 60)) * 60);
  return breaks.sort((a, b) => a.at - b.at);
}
