/**
 * Early warning arithmetic: from the last few polls of a series, when will it cross a threshold
 * at the present rate? Pure functions over points; the watcher keeps the points.
 *
 * The trend is a least-squares line through the points of the last `windowMs` (at least
 * `minPoints` of them, spanning at least `minSpanMs`), so one noisy poll neither starts nor stops
 * a warning. The line's value now (not the last raw point) is where the series stands.
 *
 * Before the line is drawn, each point is replaced by the peak of the last `peakOf` polls (the
 * highest for an `above` rule, the lowest for `below`). Queue figures are saw-toothed: a longest
 * wait falls to 0 the moment the oldest chat is answered and climbs again at one second per second
 * while the next one waits; a line through the raw polls reads each answered chat as relief, a line
 * through the peaks follows the pressure. Tuned in `bench/forecast.ts`.
 */

/** One reading of a series: epoch milliseconds and the value. */
export interface Point {
  at: number;
  value: number;
}

export interface TrendOptions {
  /** Points older than this before the newest are ignored. */
  windowMs: number;
  /** Fewer points than this say nothing. */
  minPoints: number;
  /** The points must cover at least this long. */
  minSpanMs: number;
  /** Each point stands for the peak of this many polls (itself and the ones before); 1: the raw values. */
  peakOf?: number;
}

export const DEFAULT_TREND: TrendOptions = { windowMs: 15 * 60_000, minPoints: 4, minSpanMs: 3 * 60_000, peakOf: 2 };

export interface Trend {
  /** Change per minute. */
  slopePerMinute: number;
  /** The line's value at the newest point. */
  level: number;
  /** Points used. */
  points: number;
}

/**
 * Each point replaced by the peak of the last `span` points (itself included): the highest when
 * `direction` is `above`, the lowest when `below`. Points before the first keep fewer to look back on.
 *
 * @example
 *   peaks([{ at: 0, value: 90 }, { at: 60_000, value: 0 }, { at: 120_000, value: 40 }], 2, 'above').map((p) => p.value); // [90, 90, 40]
 */
export function peaks(points: readonly Point[], span: number, direction: 'above' | 'below' = 'above'): Point[] {
  const pick = direction === 'above' ? Math.max : Math.min;
  return points.map((p, i) => ({ at: p.at, value: pick(...points.slice(Math.max(0, i - span + 1), i + 1).map((q) => q.value)) }));
}

/**
 * The least-squares line through the recent points (through their peaks when `peakOf` > 1, in
 * `direction`); undefined when there are too few.
 */
export function trendOf(points: readonly Point[], options: TrendOptions = DEFAULT_TREND, direction: 'above' | 'below' = 'above'): Trend | undefined {
  if (points.length === 0) return undefined;
  const newest = points[points.length - 1]!.at;
  const finite = points.filter((p) => Number.isFinite(p.value));
  const shaped = (options.peakOf ?? 1) > 1 ? peaks(finite, options.peakOf!, direction) : finite;
  const recent = shaped.filter((p) => p.at > newest - options.windowMs);
  if (recent.length < options.minPoints) return undefined;
  if (newest - recent[0]!.at < options.minSpanMs) return undefined;
  const n = recent.length;
  // Minutes before the newest point, so the intercept is the level now.
  const xs = recent.map((p) => (p.at - newest) / 60_000);
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = recent.reduce((a, p) => a + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - meanX) ** 2;
    sxy += (xs[i]! - meanX) * (recent[i]!.value - meanY);
  }
  if (sxx === 0) return undefined;
  const slopePerMinute = sxy / sxx;
  return { slopePerMinute, level: meanY - slopePerMinute * meanX, points: n };
}

export interface Crossing {
  /** Milliseconds from the newest point until the line crosses the threshold (0: already past). */
  inMs: number;
  trend: Trend;
}

/**
 * When the recent trend crosses `threshold` going `direction`: undefined when it is flat or heading
 * away, or when there are too few points. 0 when the line already stands past the threshold.
 *
 * @example
 *   crossingOf(points, { direction: 'above', threshold: 120 }); // { inMs: 480000, trend: { slopePerMinute: 6, ... } }
 */
export function crossingOf(
  points: readonly Point[],
  rule: { direction: 'above' | 'below'; threshold: number },
  options: TrendOptions = DEFAULT_TREND,
): Crossing | undefined {
  const trend = trendOf(points, options, rule.direction);
  if (!trend) return undefined;
  const gap = rule.direction === 'above' ? rule.threshold - trend.level : trend.level - rule.threshold;
  if (gap < 0) return { inMs: 0, trend };
  const towards = rule.direction === 'above' ? trend.slopePerMinute : -trend.slopePerMinute;
  if (!(towards > 0)) return undefined;
  return { inMs: (gap / towards) * 60_000, trend };
}
