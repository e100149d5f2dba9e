import { describe, expect, it } from 'vitest';
import { loadCrossingOf, type Load } from '../../src/forecast/load.js';

/** 3 chats a minute arrive; 8 in progress, no free slot, 4-minute chats: 2 a minute finish. */
const busy: Load = { arrivals: 30, windowMinutes: 10, waiting: 4, ongoing: 8, freeSlots: 0, handleSeconds: 240 };
const count = { kind: 'count' as const, direction: 'above' as const, threshold: 10 };
const wait = { kind: 'wait' as const, direction: 'above' as const, threshold: 120 };

describe('load: arrivals against capacity', () => {
  it('a full floor taking 2 chats a minute while 3 arrive: 4 waiting pass 10 in 15 min (0.4 a minute beyond a 30% margin)', () => {
    const crossing = loadCrossingOf(busy, count)!;
    expect(crossing.slopePerMinute).toBeCloseTo(3 - 2 * 1.3, 9);
    expect(crossing.inMs).toBeCloseTo(15 * 60_000, 3);
  });

  it('a wait passes 2 min once the queue takes 2 min to answer: 4 chats at 2 a minute now, 5 min from 2 chats', () => {
    expect(loadCrossingOf(busy, wait)!.inMs).toBe(0);
    const shorter = loadCrossingOf({ ...busy, waiting: 2 }, wait)!;
    expect(shorter.inMs).toBeCloseTo(5 * 60_000, 3);
    // Seconds of wait a minute: 0.4 more chats a minute, each half a minute of answering.
    expect(shorter.slopePerMinute).toBeCloseTo(12, 9);
  });

  it('says nothing while the floor keeps up: free slots, or arrivals within the margin', () => {
    expect(loadCrossingOf({ ...busy, freeSlots: 4 }, count)).toBeUndefined();
    const justOver = { ...busy, arrivals: 22 }; // 2.2 a minute against 2
    expect(loadCrossingOf(justOver, count)).toBeUndefined();
    expect(loadCrossingOf(justOver, count, { margin: 0 })!.slopePerMinute).toBeCloseTo(0.2, 9);
  });

  it('says nothing with nobody waiting, for "below" rules, or when the figures cannot say', () => {
    expect(loadCrossingOf({ ...busy, waiting: 0 }, count)).toBeUndefined();
    expect(loadCrossingOf(busy, { ...count, direction: 'below' })).toBeUndefined();
    expect(loadCrossingOf({ ...busy, windowMinutes: 0 }, count)).toBeUndefined();
    expect(loadCrossingOf({ ...busy, handleSeconds: 0 }, count)).toBeUndefined();
    expect(loadCrossingOf({ ...busy, ongoing: 0, arrivals: 300 }, wait)).toBeUndefined();
  });

  it('a queue already past a count threshold crosses now', () => {
    expect(loadCrossingOf({ ...busy, waiting: 12 }, count)!.inMs).toBe(0);
  });
});
