import { describe, expect, it } from 'vitest';
import { crossingOf, trendOf, type Point } from '../../src/forecast/trend.js';

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
    const old = series([50, 40, 30, 20, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(trendOf(old)!.slopePerMinute).toBeCloseTo(1, 6);
  });

  it('already past the threshold: crossing now', () => {
    expect(crossingOf(series([9, 10, 11, 12]), { direction: 'above', threshold: 10 })?.inMs).toBe(0);
  });
});
