import { createHash } from 'node:crypto';

/**
 * A chart as data, carried by a `Reply`: commands and summaries say what to draw, each platform
 * draws it its own way (Slack: an uploaded PNG; Teams: a PNG behind a signed URL; the console:
 * nothing beyond the sparklines already in the text). Times are epoch milliseconds.
 *
 * @example
 *   const chart: ReplyChart = {
 *     title: 'Waiting and longest wait, last 2 hours',
 *     description: 'Waiting went from 3 to 9; longest wait from 40s to 3m 10s.',
 *     timeZone: 'America/Bogota',
 *     kind: 'line',
 *     series: [{ name: 'Waiting', unit: 'count', points: [[1763390000000, 3], [1763390060000, 4]] }],
 *   };
 */
export interface ReplyChart {
  title: string;
  /** The chart in one or two sentences: alt text, and what a text-only reader gets. */
  description: string;
  /** IANA zone for the time axis ("14:00" in the operation's clock). */
  timeZone: string;
  /** `line`: values over time; `bar`: counts per period (a point per bar, at the period's start). */
  kind: 'line' | 'bar';
  series: ChartSeries[];
  /** Instants to mark on the time axis (alerts), with a short label. */
  markers?: ChartMarker[];
  /** Alert thresholds, drawn as horizontal lines on the axis of their unit: the value supervisors watch. */
  thresholds?: ChartThreshold[];
  /** Axis titles with their unit ("Chats waiting", "Longest wait"); by default the first series of each unit names its axis. */
  axes?: { count?: string; seconds?: string };
  /** Bar width for `bar` charts (default one hour). */
  periodMs?: number;
  /**
   * Where a platform put the picture of this chart, set on the way out (never by commands): a
   * Slack file id (image block), or a signed URL (Teams card image).
   */
  image?: { slackFileId?: string; url?: string; darkUrl?: string };
}

export interface ChartSeries {
  name: string;
  /** `[time, value]`, oldest first; `null` leaves a gap. */
  points: Array<[number, number | null]>;
  /** How values read: counts, or seconds drawn as durations ("2m 30s"). Seconds use the right axis. */
  unit: 'count' | 'seconds';
  /** `comparison`: a reference such as last week, drawn fainter and dashed. */
  role?: 'main' | 'comparison';
}

export interface ChartThreshold {
  value: number;
  unit: 'count' | 'seconds';
  /** "queue-long: above 8". */
  label: string;
  tone?: 'warning' | 'danger';
}

export interface ChartMarker {
  at: number;
  label: string;
  tone?: 'warning' | 'danger' | 'good';
}

/**
 * A key for a chart by its content: the same figures make the same picture, so it is drawn,
 * uploaded or linked once however many ask for it.
 */
export function chartKey(chart: ReplyChart): string {
  return createHash('sha256').update(JSON.stringify(chart)).digest('base64url');
}
