/**
 * Simulated chat floors built differently from the demo, so the early-warning and alert benches
 * are not fitted to the demo's days alone. Seeded and self-contained (no demo code): Poisson
 * arrivals under the family's own daily curve, several queues with skilled and general agents,
 * shifts that change with a hole (the leaving shift stops taking chats before the next one has
 * signed in), breaks, surges, customers who give up after their patience. Each poll (one a
 * minute) gives the figures a queue snapshot gives: per queue and in total, chats waiting, the
 * longest wait, the average wait of the chats answered in the last 30 minutes, agents available
 * (signed in, not away, a free slot), agents online, chats in progress.
 *
 * Families:
 * - `retail-evening`: three queues, a small lunch peak and a big evening peak (19-21 h), two
 *   shifts (8-16, 15-23) with the morning shift gone at 16:00 and the evening one signing in over
 *   20 minutes, two chats per agent, impatient customers (mean 3 min), two to four short flash
 *   surges a day (a push notification: 10-25 min at 2-3.5x on one queue).
 * - `helpdesk-24h`: two queues around the clock, a flat day with a slow morning ramp, three
 *   shifts (6-14, 14-22, 22-6) with 5-15 min holes at each change, three chats per agent, long
 *   chats (median 14 min), patient customers (mean 12 min), now and then an outage: a slow surge
 *   over 1-2 hours at 1.4-2x on both queues.
 *
 * Usage: `await floorSeries(FAMILIES['retail-evening'], { seed: 3, firstDay: '2026-11-02', days: 7 })`
 * gives the same `Series` as `bench/forecast-days.ts` (values per rule, poll by poll, and the floor).
 */
import type { WatchRule } from '../src/watcher/model/rules.js';
import type { Floor, Series } from './forecast-days.js';

const MINUTE = 60_000;

export interface QueueSpec {
  name: string;
  share: number;
  handleMedianMinutes: number;
}

export interface ShiftSpec {
  /** Local hours [from, to); `to` may pass 24 (night shift). */
  from: number;
  to: number;
  /** Agents planned at the busiest hour of the shift, per chat of the offered load. */
  staffing: number;
  /** Minutes over which the shift's agents sign in. */
  signInOverMin: number;
  /** Minutes before `to` the agents stop taking chats (the hole before the next shift). */
  leaveEarlyMin: [number, number];
}

export interface FloorFamily {
  name: string;
  queues: QueueSpec[];
  /** Expected arrivals per minute at a local hour (fractional), before the day's factor and surges. */
  curve: (hour: number, weekday: number) => number;
  shifts: ShiftSpec[];
  concurrency: number;
  patienceMeanMin: number;
  /** Share of agents who serve every queue; the rest serve one. */
  generalists: number;
  /** Surges per day and their shape. */
  surges: (rng: Rng) => Array<{ fromMin: number; toMin: number; queues: number[]; factor: number; rampMin: number }>;
  /** The rules a supervisor of this floor would set (same kinds as the demo's), each with `forecast: 15m`. */
  rules: WatchRule[];
}

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  between(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k += 1;
      p *= this.next();
    }
    return k;
  }
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  logNormal(median: number, sigma: number): number {
    const u = Math.max(1e-12, this.next());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(sigma * z);
  }
}

const base = { source: 'floor', severity: 'warning' as const, channels: ['console'], unansweredAfterMs: 300_000, forecastMs: 15 * MINUTE };
const bump = (hour: number, at: number, width: number) => Math.exp(-((hour - at) ** 2) / (2 * width ** 2));

export const FAMILIES: Record<string, FloorFamily> = {
  'retail-evening': {
    name: 'retail-evening',
    queues: [
      { name: 'Orders', share: 0.5, handleMedianMinutes: 6 },
      { name: 'Returns', share: 0.3, handleMedianMinutes: 9 },
      { name: 'Loyalty', share: 0.2, handleMedianMinutes: 5 },
    ],
    curve: (hour, weekday) => {
      if (hour < 8 || hour >= 23) return 0.05;
      const weekend = weekday >= 6 ? 1.25 : 1;
      return weekend * (0.8 + 1.6 * bump(hour, 13, 0.9) + 4.2 * bump(hour, 20, 1.1));
    },
    shifts: [
      { from: 8, to: 16, staffing: 0.8, signInOverMin: 10, leaveEarlyMin: [0, 5] },
      { from: 15.5, to: 23, staffing: 0.78, signInOverMin: 20, leaveEarlyMin: [0, 10] },
    ],
    concurrency: 2,
    patienceMeanMin: 3,
    generalists: 0.25,
    surges: (rng) =>
      Array.from({ length: 2 + Math.floor(rng.next() * 3) }, () => {
        const from = rng.between(9, 22) * 60;
        return { fromMin: from, toMin: from + rng.between(10, 25), queues: [Math.floor(rng.next() * 3)], factor: rng.between(2, 3.5), rampMin: 2 };
      }),
    rules: [
      { ...base, id: 'waiting', metric: 'queue.waiting', direction: 'above', threshold: 7, forMs: 2 * MINUTE, hysteresis: 2 },
      { ...base, id: 'longest', metric: 'queue.longest_wait_seconds', direction: 'above', threshold: 240, forMs: MINUTE, hysteresis: 60 },
      {
        ...base,
        id: 'returns-longest',
        metric: 'queue.longest_wait_seconds',
        queue: 'Returns',
        direction: 'above',
        threshold: 240,
        forMs: MINUTE,
        hysteresis: 60,
      },
      { ...base, id: 'orders-waiting', metric: 'queue.waiting', queue: 'Orders', direction: 'above', threshold: 4, forMs: MINUTE, hysteresis: 1 },
      { ...base, id: 'avg-wait', metric: 'queue.avg_wait_seconds', direction: 'above', threshold: 60, forMs: 0, hysteresis: 10 },
    ],
  },
  'helpdesk-24h': {
    name: 'helpdesk-24h',
    queues: [
      { name: 'IT', share: 0.65, handleMedianMinutes: 14 },
      { name: 'HR', share: 0.35, handleMedianMinutes: 11 },
    ],
    curve: (hour, weekday) => {
      const weekend = weekday >= 6 ? 0.45 : 1;
      const day =
        hour < 6 ? 0.25 : hour < 9 ? 0.25 + (hour - 6) * 0.3 : hour < 18 ? 1.15 - 0.15 * bump(hour, 13, 0.7) : Math.max(0.3, 1.15 - (hour - 18) * 0.17);
      return 1.9 * weekend * day;
    },
    shifts: [
      { from: 6, to: 14, staffing: 0.9, signInOverMin: 5, leaveEarlyMin: [5, 15] },
      { from: 14, to: 22, staffing: 0.9, signInOverMin: 5, leaveEarlyMin: [5, 15] },
      { from: 22, to: 30, staffing: 0.95, signInOverMin: 5, leaveEarlyMin: [5, 15] },
    ],
    concurrency: 3,
    patienceMeanMin: 12,
    generalists: 0.4,
    surges: (rng) => {
      if (rng.next() > 0.45) return [];
      const from = rng.between(7, 20) * 60;
      return [{ fromMin: from, toMin: from + rng.between(60, 120), queues: [0, 1], factor: rng.between(1.4, 2), rampMin: 30 }];
    },
    rules: [
      { ...base, id: 'waiting', metric: 'queue.waiting', direction: 'above', threshold: 8, forMs: 2 * MINUTE, hysteresis: 2 },
      { ...base, id: 'longest', metric: 'queue.longest_wait_seconds', direction: 'above', threshold: 420, forMs: MINUTE, hysteresis: 60 },
      { ...base, id: 'hr-longest', metric: 'queue.longest_wait_seconds', queue: 'HR', direction: 'above', threshold: 420, forMs: MINUTE, hysteresis: 60 },
      { ...base, id: 'it-waiting', metric: 'queue.waiting', queue: 'IT', direction: 'above', threshold: 7, forMs: MINUTE, hysteresis: 1 },
      { ...base, id: 'avg-wait', metric: 'queue.avg_wait_seconds', direction: 'above', threshold: 240, forMs: 0, hysteresis: 20 },
    ],
  },
};

interface Agent {
  queues: number[];
  signIn: number;
  stopTaking: number;
  away: Array<[number, number]>;
  ends: number[];
}

interface Chat {
  queue: number;
  enqueuedAt: number;
  leavesAt: number;
  handle: number;
}

/** The figures every rule of the family reads, poll by poll, over the simulated days. */
export function floorSeries(family: FloorFamily, { seed, firstDay, days }: { seed: number; firstDay: string; days: number }): Series {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const times: number[] = [];
  const floor: Floor[] = [];
  const values = new Map<string, Array<number | undefined>>(family.rules.map((r) => [r.id, []]));
  const rng = new Rng(seed * 7919 + family.name.length * 104729);
  const Q = family.queues.length;
  const waiting: Chat[][] = family.queues.map(() => []);
  const answered: Array<Array<[number, number]>> = family.queues.map(() => []);
  let agents: Agent[] = [];
  const totalDaySeconds = days * 86_400;
  // Agents are planned a day at a time (night shifts run past midnight into the next day's seconds).
  const planDay = (day: number) => {
    const weekday = ((new Date(start + day * 86_400_000).getUTCDay() + 6) % 7) + 1;
    const accuracy = rng.between(0.85, 1.1);
    const mean = family.queues.reduce((s, q) => s + q.share * q.handleMedianMinutes * 1.13, 0);
    for (const shift of family.shifts) {
      let peak = 0;
      for (let h = shift.from; h < shift.to; h += 0.25) peak = Math.max(peak, family.curve(h % 24, weekday));
      const count = Math.max(1, Math.round(((peak * mean) / family.concurrency) * shift.staffing * accuracy));
      for (let i = 0; i < count; i++) {
        const signIn = day * 86_400 + shift.from * 3600 + rng.between(0, shift.signInOverMin * 60);
        const stopTaking = day * 86_400 + shift.to * 3600 - rng.between(...shift.leaveEarlyMin) * 60;
        const general = rng.next() < family.generalists;
        const primary = pickShare(rng, family.queues);
        const away: Array<[number, number]> = [];
        const length = stopTaking - signIn;
        const lunch = signIn + length * rng.between(0.35, 0.6);
        away.push([lunch, lunch + rng.between(25, 45) * 60]);
        const pause = signIn + length * rng.between(0.1, 0.9);
        away.push([pause, pause + rng.between(5, 15) * 60]);
        agents.push({ queues: general ? family.queues.map((_, q) => q) : [primary], signIn, stopTaking, away, ends: [] });
      }
    }
    return weekday;
  };
  let weekday = 1;
  let surges: ReturnType<FloorFamily['surges']> = [];
  let dayFactor = 1;
  for (let t = 0; t < totalDaySeconds; t++) {
    const day = Math.floor(t / 86_400);
    const secondOfDay = t - day * 86_400;
    if (secondOfDay === 0) {
      weekday = planDay(day);
      surges = family.surges(rng);
      dayFactor = rng.between(0.85, 1.15);
      agents = agents.filter((a) => a.stopTaking > t || a.ends.length > 0);
    }
    const hour = secondOfDay / 3600;
    const minuteOfDay = secondOfDay / 60;
    const perMinute = family.curve(hour, weekday) * dayFactor;
    for (let q = 0; q < Q; q++) {
      let rate = perMinute * family.queues[q]!.share;
      for (const s of surges) {
        if (!s.queues.includes(q) || minuteOfDay < s.fromMin || minuteOfDay >= s.toMin) continue;
        const ramp = Math.min(1, (minuteOfDay - s.fromMin) / s.rampMin, (s.toMin - minuteOfDay) / s.rampMin);
        rate *= 1 + (s.factor - 1) * Math.max(0, ramp);
      }
      const n = rng.poisson(rate / 60);
      for (let i = 0; i < n; i++) {
        waiting[q]!.push({
          queue: q,
          enqueuedAt: t,
          leavesAt: t + rng.exponential(family.patienceMeanMin * 60),
          handle: rng.logNormal(family.queues[q]!.handleMedianMinutes * 60, 0.5),
        });
      }
      // Customers out of patience leave the queue.
      if (waiting[q]!.some((c) => c.leavesAt <= t)) waiting[q] = waiting[q]!.filter((c) => c.leavesAt > t);
    }
    // Chats end; agents with a free slot take the longest-waiting chat of their queues.
    for (const a of agents) {
      if (a.ends.length) a.ends = a.ends.filter((e) => e > t);
      if (t < a.signIn || t >= a.stopTaking || isAway(a, t) || a.ends.length >= family.concurrency) continue;
      while (a.ends.length < family.concurrency) {
        let best = -1;
        for (const q of a.queues) if (waiting[q]!.length && (best < 0 || waiting[q]![0]!.enqueuedAt < waiting[best]![0]!.enqueuedAt)) best = q;
        if (best < 0) break;
        const chat = waiting[best]!.shift()!;
        answered[best]!.push([t, t - chat.enqueuedAt]);
        a.ends.push(t + chat.handle);
      }
    }
    if (secondOfDay % 60 !== 0) continue;
    const perQueue = family.queues.map((q, i) => {
      while (answered[i]!.length && answered[i]![0]![0] <= t - 1800) answered[i]!.shift();
      const list = waiting[i]!;
      const waitSum = answered[i]!.reduce((s, [, w]) => s + w, 0);
      let available = 0;
      let ongoing = 0;
      for (const a of agents) {
        if (!a.queues.includes(i)) continue;
        if (t >= a.signIn && t < a.stopTaking && !isAway(a, t) && a.ends.length < family.concurrency) available += 1;
      }
      for (const a of agents) if (a.queues[0] === i) ongoing += a.ends.length;
      return {
        name: q.name,
        waiting: list.length,
        longest: list.length ? t - list[0]!.enqueuedAt : 0,
        avg: answered[i]!.length ? Math.round(waitSum / answered[i]!.length) : 0,
        answered: answered[i]!.length,
        waitSum,
        available,
        ongoing,
      };
    });
    const online = agents.filter((a) => t >= a.signIn && (t < a.stopTaking || a.ends.length > 0)).length;
    const available = agents.filter((a) => t >= a.signIn && t < a.stopTaking && !isAway(a, t) && a.ends.length < family.concurrency).length;
    const ongoing = agents.reduce((s, a) => s + a.ends.length, 0);
    const answeredAll = perQueue.reduce((s, q) => s + q.answered, 0);
    const totals = {
      waiting: perQueue.reduce((s, q) => s + q.waiting, 0),
      longest: Math.max(...perQueue.map((q) => q.longest)),
      avg: answeredAll ? Math.round(perQueue.reduce((s, q) => s + q.waitSum, 0) / answeredAll) : 0,
    };
    times.push(start + t * 1000);
    floor.push({ waiting: totals.waiting, averageWaitSeconds: totals.avg, agentsAvailable: available, agentsOnline: online, ongoingChats: ongoing });
    for (const rule of family.rules) {
      const q = rule.queue ? perQueue.find((p) => p.name === rule.queue)! : undefined;
      const v =
        rule.metric === 'queue.waiting'
          ? q
            ? q.waiting
            : totals.waiting
          : rule.metric === 'queue.longest_wait_seconds'
            ? q
              ? q.longest
              : totals.longest
            : q
              ? q.avg
              : totals.avg;
      values.get(rule.id)!.push(v);
    }
  }
  return { times, values, floor };
}

function isAway(a: Agent, t: number): boolean {
  for (const [from, to] of a.away) if (t >= from && t < to) return true;
  return false;
}

function pickShare(rng: Rng, queues: readonly QueueSpec[]): number {
  let r = rng.next();
  for (let i = 0; i < queues.length; i++) {
    r -= queues[i]!.share;
    if (r < 0) return i;
  }
  return queues.length - 1;
}
