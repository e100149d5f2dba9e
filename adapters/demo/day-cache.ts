import { LRUCache } from 'lru-cache';
import { simulateDay, type DaySim } from './day-sim.js';
import { tallyHandoffs, type HandoffTally } from './handoff-tally.js';
import type { LocalDay } from './local-day.js';
import { buildRoster } from './roster.js';

/** Simulated days kept: today and the transcript window, with one to spare. */
const SIMS_KEPT = 10;
/** Whole-day handoff tallies kept (small), so that month-long ranges stay cheap. */
const TALLIES_KEPT = 400;
/** After this long past its midnight, nothing of a day can still change. */
const SETTLED_SECONDS = 26 * 3600;

export interface DayCache {
  sim(day: LocalDay): DaySim;
  /** Handoffs of conversations that started in [from, to) seconds after the day's midnight, as known at `now`. */
  tally(day: LocalDay, from: number, to: number, now: number): HandoffTally;
}

/**
 * Memo of simulated days. A day's simulation depends on (seed, day) only, so keeping it changes
 * no answer: it only spares the ~2 ms a day takes to simulate.
 */
export function createDayCache(seed: number): DayCache {
  const roster = buildRoster(seed);
  const sims = new LRUCache<number, DaySim>({ max: SIMS_KEPT });
  const tallies = new LRUCache<number, HandoffTally>({ max: TALLIES_KEPT });

  const sim = (day: LocalDay): DaySim => {
    let found = sims.get(day.dayNumber);
    if (!found) {
      found = simulateDay(seed, day.dayNumber, day.weekday, roster);
      sims.set(day.dayNumber, found);
    }
    return found;
  };

  const tally = (day: LocalDay, from: number, to: number, now: number): HandoffTally => {
    const whole = from <= 0 && to >= 86_400 && now >= SETTLED_SECONDS;
    if (!whole) return tallyHandoffs(sim(day), from, to, now);
    let found = tallies.get(day.dayNumber);
    if (!found) {
      found = tallyHandoffs(sim(day), 0, Infinity, Infinity);
      tallies.set(day.dayNumber, found);
    }
    return found;
  };

  return { sim, tally };
}
