import { afterEach, expect, it } from 'vitest';
import { createOutageParts } from '../../src/quota/outage-parts.js';
import type { TokenPolicy } from '../../src/quota/quota-gate.js';
import { createReplicaRoster } from '../../src/quota/replica-roster.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../support/redis-kit.js';

const prefix = uniquePrefix('after-outage-parts');
const redis = connectRedis();
afterEach(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
});

const DAY = '2026-11-20';
const token: TokenPolicy = { key: 'wolkvox:0032', concurrency: 4, dailyBudget: 100, reserveShare: 0, timeZone: 'America/Bogota' };

it('after an outage, a replica falling back to its own limits keeps its part of the budget and slots, not the never-saw-Redis share', async () => {
  // Two replicas in the roster: this one ('a') and another.
  const roster = createReplicaRoster({ redis, prefix, id: 'a', staleAfterMs: 60_000, now: Date.now });
  await createReplicaRoster({ redis, prefix, id: 'b', staleAfterMs: 60_000, now: Date.now }).beat();
  await roster.beat();
  const localUsage = new Map<string, number>();
  const parts = createOutageParts({
    redis,
    prefix,
    roster,
    day: () => DAY,
    setLocalUsage: (t, _day, used) => localUsage.set(t.key, used),
    unknown: { budgetShare: 1 / 3, concurrency: 1 },
  });

  // The outage: 60 left of the day, split in two; 2 of the 4 slots.
  parts.noteShared(token, DAY, 40);
  parts.begin();
  parts.ownPart(token);
  expect(localUsage.get(token.key)).toBe(70);
  expect({ share: parts.budgetShare(), slots: parts.concurrency(token) }).toEqual({ share: 1, slots: 2 });
  await parts.end();

  // Redis is back, and one request falls back anyway (a command timed out, no outage declared):
  // the replica's part again, from the shared count it last read, not a third of the whole budget
  // over a day count that still held the outage's part.
  parts.noteShared(token, DAY, 50);
  parts.ownPart(token);
  expect(localUsage.get(token.key)).toBe(75);
  expect({ share: parts.budgetShare(), slots: parts.concurrency(token) }).toEqual({ share: 1, slots: 2 });
});
