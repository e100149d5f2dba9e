/**
 * Early warning arithmetic: from the last few polls of a series, when will it cross a threshold
 * at the present rate? Pure functions over points; the watcher keeps the points.
 *
 * The trend is a least-squares line through the points of the last `windowMs` (at least
 * `minPoints` of them, spanning at least `minSpanMs`), so one noisy poll neither starts nor stops
 * a warning. The line's value now (not the last raw point) is where the series stands.
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
}

export const DEFAULT_TREND: TrendOptions = { windowMs: 10 * 60_000, minPoints: 4, minSpanMs: 3 * 60_000 };

export interface Trend {
  /** Change per minute. */
  slopePerMinute: number;
  /** The line's value at the newest point. */
  level: number;
  /** Points used. */
  points: number;
}

/** The least-squares line through the recent points; undefined when there are too few. */
export function trendOf(points: readonly Point[], options: TrendOptions = DEFAULT_TREND): Trend | undefined {
  if (points.length === 0) return undefined;
  const newest = points[points.length - 1]!.at;
  const recent = points.filter((p) => p.at > newest - options.windowMs && Number.isFinite(p.value));
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
export function crossingOf(points: readonly Point[], rule: { direction: 'above' | 'below'; threshold: number }, options: TrendOptions = DEFAULT_TREND): Crossing | undefined {
  const trend = trendOf(points, options);
  if (!trend) return undefined;
  const gap = rule.direction === 'above' ? rule.threshold - trend.level : trend.level - rule.threshold;
  if (gap < 0) return { inMs: 0, trend };
  const towards = rule.direction === 'above' ? trend.slopePerMinute : -trend.slopePerMinute;
  if (!(towards > 0)) return undefined;
  return { inMs: (gap / towards) * 60_000, trend };
}
