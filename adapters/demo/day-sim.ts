import type { AgentState } from '../../src/domain/types.js';
import { EventHeap } from './event-heap.js';
import { QUEUE_TIMEOUT_SECONDS, QUEUES, STATE_LABELS, VIP, type QueueIndex } from './operation.js';
import { hashInts } from './random.js';
import { planDay, type AgentDayPlan, type DemoAgent } from './roster.js';
import { arrivalsOfDay, type SimConversation } from './traffic.js';

export type { SimConversation } from './traffic.js';

/** An agent's state from `at` until the next segment. */
export interface AgentSegment {
  at: number;
  state: AgentState;
  label: string;
  ongoing: number;
  /** When the agent entered `state` (may be before `at` when only the load changed). */
  since: number;
  chatsTaken: number;
}

/** One local day of the operation, simulated from midnight to midnight. Pure in (seed, day). */
export interface DaySim {
  dayNumber: number;
  weekday: number;
  conversations: SimConversation[];
  agents: Array<{ agent: DemoAgent; segments: AgentSegment[] }>;
}

enum Kind {
  End = 0,
  Transfer = 1,
  BreakEnd = 2,
  Logout = 3,
  Login = 4,
  BreakRequest = 5,
  GiveUp = 6,
  Enqueue = 7,
  Close = 8,
}

interface AgentRun {
  plan: AgentDayPlan;
  loggedIn: boolean;
  loggingOut: boolean;
  onBreak?: string;
  pendingBreak?: { seconds: number; label: string };
  load: number;
  chatsTaken: number;
  segments: AgentSegment[];
}

/** Runs the day: queues, assignments, breaks, abandons. About 2 ms of CPU per day once warm. */
export function simulateDay(seed: number, dayNumber: number, weekday: number, roster: readonly DemoAgent[]): DaySim {
  const conversations = arrivalsOfDay(seed, dayNumber, weekday);
  const agents: AgentRun[] = planDay(seed, dayNumber, weekday, roster).map((plan) => ({
    plan,
    loggedIn: false,
    loggingOut: false,
    onBreak: undefined,
    pendingBreak: undefined,
    load: 0,
    chatsTaken: 0,
    segments: [{ at: 0, state: 'offline', label: STATE_LABELS.offline, ongoing: 0, since: 0, chatsTaken: 0 }],
  }));
  // Who is still waiting when the day ends is closed as missed: the next day starts afresh.
  const close = 24 * 3600;
  const waiting: number[][] = QUEUES.map(() => []);
  const heads: number[] = QUEUES.map(() => 0);
  const events = new EventHeap();

  agents.forEach((run, a) => {
    const { loginAt, logoutAt, breaks } = run.plan;
    if (loginAt === undefined || logoutAt === undefined) return;
    events.push(loginAt, Kind.Login, a);
    events.push(logoutAt, Kind.Logout, a);
    breaks.forEach((b, i) => events.push(b.at, Kind.BreakRequest, a, i));
  });
  conversations.forEach((c, i) => {
    if (!c.wantsAgent) return;
    events.push(c.start + c.botSeconds, Kind.Enqueue, i);
  });
  events.push(close, Kind.Close, 0);

  const isWaiting = (c: SimConversation): boolean => c.enqueueAt !== undefined && c.assignedAt === undefined && c.outcome === 'answered' && c.endAt < 0;

  const accepts = (run: AgentRun): boolean => run.loggedIn && !run.loggingOut && !run.onBreak && !run.pendingBreak && run.load < run.plan.agent.maxChats;

  const record = (a: number, at: number): void => {
    const run = agents[a]!;
    const { state, label } = stateOf(run);
    const segments = run.segments;
    let last = segments[segments.length - 1]!;
    if (last.at === at && segments.length > 1) {
      segments.pop();
      last = segments[segments.length - 1]!;
    }
    if (last.state === state && last.label === label && last.ongoing === run.load && last.chatsTaken === run.chatsTaken) return;
    segments.push({ at, state, label, ongoing: run.load, since: last.state === state ? last.since : at, chatsTaken: run.chatsTaken });
  };

  const assign = (ci: number, a: number, at: number): void => {
    const c = conversations[ci]!;
    const run = agents[a]!;
    c.assignedAt = at;
    c.agent = a;
    c.endAt = at + c.handleSeconds;
    run.load += 1;
    run.chatsTaken += 1;
    events.push(c.endAt, Kind.End, ci);
    if (c.transferAt !== undefined) events.push(at + Math.round(c.handleSeconds * c.transferAt), Kind.Transfer, ci);
    record(a, at);
  };

  // VIP agents help Ventas but always keep a slot free for the VIP line.
  const hasRoomFor = (run: AgentRun, q: QueueIndex): boolean => run.load < run.plan.agent.maxChats - (run.plan.agent.skills[0] === VIP && q !== VIP ? 1 : 0);

  const nextWaiting = (run: AgentRun): number | undefined => {
    let best: number | undefined;
    for (const q of run.plan.agent.skills) {
      if (!hasRoomFor(run, q)) continue;
      const list = waiting[q]!;
      while (heads[q]! < list.length && !isWaiting(conversations[list[heads[q]!]!]!)) heads[q]! += 1;
      const head = list[heads[q]!];
      if (head === undefined) continue;
      // VIP customers go first; otherwise the longest wait.
      if (best === undefined || q === VIP || conversations[head]!.enqueueAt! < conversations[best]!.enqueueAt!) best = head;
      if (q === VIP) break;
    }
    if (best !== undefined) heads[conversations[best]!.queue]! += 1;
    return best;
  };

  const pull = (a: number, at: number): void => {
    const run = agents[a]!;
    while (accepts(run)) {
      const ci = nextWaiting(run);
      if (ci === undefined) break;
      assign(ci, a, at);
    }
  };

  const chooseAgent = (ci: number, exclude?: number): number | undefined => {
    const c = conversations[ci]!;
    let best: number | undefined;
    let bestScore = Infinity;
    for (let a = 0; a < agents.length; a += 1) {
      const run = agents[a]!;
      if (a === exclude || !accepts(run) || !run.plan.agent.skills.includes(c.queue) || !hasRoomFor(run, c.queue)) continue;
      // Main-skill agents first, then the emptiest; a hash spreads ties across the team.
      const score = (run.plan.agent.skills[0] === c.queue ? 0 : 10) + run.load / run.plan.agent.maxChats + (hashInts(ci, a) % 97) / 1000;
      if (score < bestScore) {
        bestScore = score;
        best = a;
      }
    }
    return best;
  };

  const loadDropped = (a: number, at: number): void => {
    const run = agents[a]!;
    if (run.load === 0 && run.loggingOut) run.loggedIn = false;
    else if (run.load === 0 && run.pendingBreak) startBreak(a, at);
    else pull(a, at);
    record(a, at);
  };

  const startBreak = (a: number, at: number): void => {
    const run = agents[a]!;
    const pending = run.pendingBreak!;
    run.pendingBreak = undefined;
    run.onBreak = pending.label;
    events.push(at + pending.seconds, Kind.BreakEnd, a);
  };

  for (let event = events.pop(); event; event = events.pop()) {
    const { at, ref } = event;
    switch (event.kind) {
      case Kind.Login: {
        agents[ref]!.loggedIn = true;
        pull(ref, at);
        record(ref, at);
        break;
      }
      case Kind.Logout: {
        const run = agents[ref]!;
        run.loggingOut = true;
        run.pendingBreak = undefined;
        if (run.load === 0 && !run.onBreak) run.loggedIn = false;
        record(ref, at);
        break;
      }
      case Kind.BreakRequest: {
        const run = agents[ref]!;
        const plan = run.plan.breaks[event.arg]!;
        if (!run.loggedIn || run.loggingOut || run.onBreak || run.pendingBreak) break;
        run.pendingBreak = { seconds: plan.seconds, label: plan.label };
        if (run.load === 0) startBreak(ref, at);
        record(ref, at);
        break;
      }
      case Kind.BreakEnd: {
        const run = agents[ref]!;
        run.onBreak = undefined;
        if (run.loggingOut) run.loggedIn = run.load > 0;
        else pull(ref, at);
        record(ref, at);
        break;
      }
      case Kind.Enqueue: {
        const c = conversations[ref]!;
        c.enqueueAt = at;
        c.outcome = 'answered';
        c.endAt = -1;
        const a = chooseAgent(ref);
        if (a !== undefined) assign(ref, a, at);
        else {
          waiting[c.queue]!.push(ref);
          events.push(at + Math.min(c.patienceSeconds, QUEUE_TIMEOUT_SECONDS), Kind.GiveUp, ref);
        }
        break;
      }
      case Kind.GiveUp: {
        const c = conversations[ref]!;
        if (!isWaiting(c)) break;
        c.outcome = c.patienceSeconds < QUEUE_TIMEOUT_SECONDS ? 'abandoned' : 'missed';
        c.endAt = at;
        break;
      }
      case Kind.Transfer: {
        const c = conversations[ref]!;
        const from = c.agent!;
        const to = chooseAgent(ref, from);
        if (to === undefined) break;
        c.transferredAt = at;
        c.transferTo = to;
        agents[to]!.load += 1;
        agents[to]!.chatsTaken += 1;
        record(to, at);
        agents[from]!.load -= 1;
        loadDropped(from, at);
        break;
      }
      case Kind.End: {
        const c = conversations[ref]!;
        const a = c.transferTo ?? c.agent!;
        agents[a]!.load -= 1;
        loadDropped(a, at);
        break;
      }
      case Kind.Close: {
        for (const c of conversations) {
          if (!isWaiting(c)) continue;
          c.outcome = 'missed';
          c.endAt = at;
        }
        break;
      }
    }
  }

  return {
    dayNumber,
    weekday,
    conversations,
    agents: agents.map((run) => ({ agent: run.plan.agent, segments: run.segments })),
  };
}

function stateOf(run: AgentRun): { state: AgentState; label: string } {
  if (!run.loggedIn) return { state: 'offline', label: STATE_LABELS.offline };
  if (run.onBreak) return { state: 'away', label: run.onBreak };
  if (run.loggingOut) return { state: 'busy', label: STATE_LABELS.loggingOut };
  if (run.pendingBreak) return { state: 'busy', label: STATE_LABELS.breakPending };
  if (run.load >= run.plan.agent.maxChats) return { state: 'busy', label: STATE_LABELS.busy };
  return { state: 'available', label: STATE_LABELS.available };
}
