import { describe, expect, it } from 'vitest';
import { crossingOf, DEFAULT_TREND, peaks, trendOf, type Point } from '../../src/forecast/trend.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const series = (values: number[], stepMs = 60_000): Point[] => values.map((value, i) => ({ at: T0 + i * stepMs, value }));

describe('trend of the last polls', () => {
  it('a queue growing by one a minute from 1 to 4 passes 10 in about 6 minutes', () => {
    const crossing = crossingOf(series([1, 2, 3, 4]), { direction: 'above', threshold: 10 });
    expect(crossing?.trend.slopePerMinute).toBeCloseTo(1, 6);
    expect(crossing!.inMs / 60_000).toBeCloseTo(6, 6);
  });

  it('says nothing from fewer than 4 points or less than 3 minutes of them', () => {
    expect(crossingOf(series([1, 2, 3]), { direction: 'above', threshold: 10 })).toBeUndefined();
    expect(crossingOf(series([1, 2, 3, 4], 30_000), { direction: 'above', threshold: 10 })).toBeUndefined();
  });

  it('a flat or falling series never crosses an "above" threshold; a falling one crosses a "below" one', () => {
    expect(crossingOf(series([5, 5, 5, 5]), { direction: 'above', threshold: 10 })).toBeUndefined();
    expect(crossingOf(series([8, 7, 6, 5]), { direction: 'above', threshold: 10 })).toBeUndefined();
    const below = crossingOf(series([8, 7, 6, 5]), { direction: 'below', threshold: 2 });
    expect(below!.inMs / 60_000).toBeCloseTo(3, 6);
  });

  it('one noisy poll moves the line a little, not all the way', () => {
    const calm = trendOf(series([2, 3, 4, 5, 6, 7]))!;
    const spiky = trendOf(series([2, 3, 4, 12, 6, 7]))!;
    expect(calm.slopePerMinute).toBeCloseTo(1, 6);
    expect(spiky.slopePerMinute).toBeLessThan(2.2);
  });

  it('points older than the window are left out', () => {
    const old = series([50, 40, 30, 20, 10, ...Array.from({ length: 17 }, (_, i) => i + 1)]);
    expect(trendOf(old)!.slopePerMinute).toBeCloseTo(1, 6);
  });

  it('already past the threshold: crossing now', () => {
    expect(crossingOf(series([9, 10, 11, 12]), { direction: 'above', threshold: 10 })?.inMs).toBe(0);
  });

  it('a longest wait that falls to 0 each time a chat is answered still trends up: the line runs through the peaks', () => {
    // Saw-tooth under growing pressure: each waiting chat climbs a minute a minute, then is answered.
    const wait = series([0, 40, 100, 10, 70, 130, 20, 90, 150, 30, 110]);
    const rule = { direction: 'above' as const, threshold: 240 };
    const throughPeaks = crossingOf(wait, rule)!;
    const throughRaw = crossingOf(wait, rule, { ...DEFAULT_TREND, peakOf: 1 });
    expect(throughPeaks.inMs).toBeLessThan(15 * 60_000);
    expect(throughRaw === undefined || throughRaw.inMs > throughPeaks.inMs).toBe(true);
  });

  it('peaks are the highest of the last polls for "above" rules and the lowest for "below" rules', () => {
    const values = series([5, 1, 4, 2]);
    expect(peaks(values, 2, 'above').map((p) => p.value)).toEqual([5, 5, 4, 4]);
    expect(peaks(values, 2, 'below').map((p) => p.value)).toEqual([5, 1, 1, 2]);
    expect(peaks(values, 1, 'above').map((p) => p.value)).toEqual([5, 1, 4, 2]);
  });
});
