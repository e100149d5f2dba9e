import type { TokenUsage } from '../../src/domain/types.js';
import type { LocalDay } from './local-day.js';
import { DAY_HOURS } from './operation.js';
import { rngFor } from './random.js';

/** The demo token's daily limit: ten licenses of a thousand requests, as on wolkvox. */
export const DEMO_TOKEN_LIMIT = 10_000;

/**
 * What the demo vendor says about the token at `t` seconds into the local day: a steady trickle
 * at night (the watcher's polls), more while the operation is open (supervisors asking).
 * Grows with `t` and never passes the limit.
 */
export function tokenUsageAt(seed: number, day: LocalDay, t: number): TokenUsage {
  const rng = rngFor(seed, day.dayNumber, 0x70c3);
  const [open, close] = DAY_HOURS[day.weekday] as readonly [number, number];
  const minutes = Math.max(0, t / 60);
  const openMinutes = Math.min(Math.max(0, minutes - open * 60), (close - open) * 60);
  const busyPerMinute = 2.4 + rng.next() * 1.2;
  const usedToday = Math.min(DEMO_TOKEN_LIMIT, Math.floor(minutes * 1.1 + openMinutes * busyPerMinute));
  const others = Math.floor(usedToday * (0.4 + rng.next() * 0.3));
  return { limit: DEMO_TOKEN_LIMIT, usedToday, allTokensToday: usedToday + others };
}
