import type { TokenUsage } from '../../src/domain/types.js';
import type { LocalDay } from './local-day.js';
import { rngFor } from './random.js';

/** The demo token's daily limit: ten licenses of a thousand requests, as on wolkvox. */
export const DEMO_TOKEN_LIMIT = 10_000;

/**
 * The demo vendor's count of its token, as a real vendor keeps it: every request it answered
 * since local midnight, whoever asked. The bot meters each demo answer as one vendor request
 * (see `request-meter.ts`), so in one process the two counts agree and the token reconciler
 * finds no drift; with several replicas each demo counts only what it answered, which is never
 * more than the shared count. Only the account's other tokens (`allTokensToday`) are simulated.
 *
 * @example
 *   const counter = createRequestCounter(seed);
 *   counter.count(today); // one request answered
 *   counter.usage(today, t); // { limit: 10000, usedToday: 1, allTokensToday: ... }
 */
export interface RequestCounter {
  count(day: LocalDay): void;
  usage(day: LocalDay, t: number): TokenUsage;
}

export function createRequestCounter(seed: number): RequestCounter {
  let counted = { dayNumber: Number.NaN, requests: 0 };
  const today = (day: LocalDay) => {
    if (counted.dayNumber !== day.dayNumber) counted = { dayNumber: day.dayNumber, requests: 0 };
    return counted;
  };
  return {
    count(day) {
      today(day).requests += 1;
    },
    usage(day, t) {
      const usedToday = Math.min(DEMO_TOKEN_LIMIT, today(day).requests);
      return { limit: DEMO_TOKEN_LIMIT, usedToday, allTokensToday: usedToday + otherTokensAt(seed, day, t) };
    },
  };
}

/** The account's other tokens (other tools of the operation): a steady trickle through the day. */
function otherTokensAt(seed: number, day: LocalDay, t: number): number {
  const rng = rngFor(seed, day.dayNumber, 0x70c3);
  return Math.floor(Math.max(0, t / 60) * (0.8 + rng.next() * 0.6));
}
