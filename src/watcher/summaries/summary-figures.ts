import { inEnglish, type Said } from '../../domain/said.js';
import { isBotError } from '../../domain/errors.js';
import { DateTime } from 'luxon';
import type { DayStats } from '../../domain/types.js';
import type { Source } from '../../sources/source.js';
import { describe } from '../poll/poll-source.js';
import type { WatcherStore } from '../store/store.js';

/** One source's day in a summary. */
export interface SourceDay {
  sourceId: string;
  label: string;
  timeZone: string;
  today?: DayStats;
  /** The same weekday a week earlier, when the source can tell past days. */
  lastWeek?: DayStats;
  /**
   * Set when the summary runs before the day is over: last week's chats up to the same local
   * time (from its `chatsByHour`), the only fair comparison for a count still growing.
   */
  lastWeekSoFar?: { chats: number; until: string };
  /** True when the summary runs before the source's local day is over. */
  partial: boolean;
  /** Why the day's figures are missing or stale (English, for logs). */
  problem?: string;
  /** `problem` as a message key, said in the summary's language; `reason` fills its `{{reason}}`. */
  problemSaid?: Said & { reason?: Said };
  busiestHour?: { hour: number; chats: number };
}

/** The alerts of the day, over the summary's sources. */
export interface AlertsOfDay {
  count: number;
  critical: number;
  longest?: { ruleId: string; seconds: number; peak: number; metric: string };
  /** Mean time from firing to acknowledgement, over the acknowledged ones. */
  averageAckSeconds?: number;
  acknowledged: number;
  /** When each fired (epoch ms), for the summary chart's time axis. */
  fired?: Array<{ at: number; ruleId: string; severity: string }>;
}

export interface SummaryFigures {
  /** Local date of the summary in its time zone, `YYYY-MM-DD`. */
  date: string;
  timeZone: string;
  at: Date;
  sources: SourceDay[];
  alerts: AlertsOfDay;
}

/**
 * Gathers a daily summary: each source's day (`today`), the same weekday last week where the
 * source has `dayStats`, the busiest hour from `chatsByHour`, and the alerts that fired today
 * (local day in the summary's zone) on those sources. A source that fails is reported as such;
 * the others still appear.
 *
 * @example
 *   const figures = await gatherSummary({ sources, timeZone: 'Europe/Budapest', store, now: new Date() });
 */
export async function gatherSummary(options: { sources: readonly Source[]; timeZone: string; store: WatcherStore; now: Date }): Promise<SummaryFigures> {
  const { now, timeZone, store } = options;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const days = await Promise.all(options.sources.map((source) => sourceDay(source, now)));
  const fired = await store.alertsFiredBetween(local.startOf('day').toMillis(), now.getTime() + 1);
  const ids = new Set(options.sources.map((s) => s.id));
  const alerts = fired.filter((a) => ids.has(a.source) && !a.forecast);
  const acks = await store.acks(alerts.map((a) => a.id));

  let longest: AlertsOfDay['longest'];
  const ackSeconds: number[] = [];
  for (const alert of alerts) {
    const seconds = ((alert.resolvedAt ? Date.parse(alert.resolvedAt) : now.getTime()) - Date.parse(alert.since)) / 1000;
    if (!longest || seconds > longest.seconds) longest = { ruleId: alert.ruleId, seconds, peak: alert.peak, metric: alert.metric };
    const ack = acks.get(alert.id);
    if (ack) ackSeconds.push(Math.max(0, (Date.parse(ack.at) - Date.parse(alert.firedAt)) / 1000));
  }
  return {
    date: local.toISODate() ?? '',
    timeZone,
    at: now,
    sources: days,
    alerts: {
      count: alerts.length,
      critical: alerts.filter((a) => a.severity === 'critical').length,
      longest,
      acknowledged: ackSeconds.length,
      fired: alerts.map((a) => ({ at: Date.parse(a.firedAt), ruleId: a.ruleId, severity: a.severity })),
      averageAckSeconds: ackSeconds.length ? ackSeconds.reduce((a, b) => a + b, 0) / ackSeconds.length : undefined,
    },
  };
}

async function sourceDay(source: Source, now: Date): Promise<SourceDay> {
  const local = DateTime.fromJSDate(now, { zone: source.timeZone });
  const day: SourceDay = { sourceId: source.id, label: source.label, timeZone: source.timeZone, partial: local.hour < 23 || local.minute < 45 };
  if (!source.has('today')) {
    day.problemSaid = { key: 'summary.problem.notAvailable', values: { vendor: source.vendor } };
    day.problem = inEnglish(day.problemSaid);
    return day;
  }
  try {
    const today = await source.today('background');
    day.today = today.value;
    if (today.stale) {
      const time = DateTime.fromISO(today.asOf, { zone: source.timeZone }).toFormat('HH:mm');
      day.problemSaid = { key: 'summary.problem.figuresFrom', values: { time }, reason: today.staleSaid ?? { key: 'summary.problem.unavailable' } };
      day.problem = `figures from ${time} (${today.staleReason ?? 'vendor unavailable'})`;
    }
  } catch (error) {
    day.problem = describe(error);
    if (isBotError(error) && error.said) day.problemSaid = error.said;
    return day;
  }
  if (!day.today.chatsByHour && source.has('dayStats')) {
    // Vendors that count any stretch of the day but not each hour (Comm100): today's hours, fresh.
    try {
      const hours = (await source.dayStats(day.today.date, { priority: 'background', maxAgeMs: 60_000 })).value.chatsByHour;
      if (hours) day.today = { ...day.today, chatsByHour: hours };
    } catch {
      // The picture is a bonus: the day's own figures still go out.
    }
  }
  day.busiestHour = busiestHour(day.today.chatsByHour);
  if (source.has('dayStats')) {
    const base = DateTime.fromISO(day.today.date, { zone: source.timeZone }).isValid
      ? DateTime.fromISO(day.today.date, { zone: source.timeZone })
      : DateTime.fromJSDate(now, { zone: source.timeZone });
    const weekAgo = base.minus({ days: 7 }).toISODate();
    try {
      if (weekAgo) day.lastWeek = (await source.dayStats(weekAgo, 'background')).value;
      const hours = day.lastWeek?.chatsByHour;
      if (day.partial && hours?.length === 24) {
        const before = hours.slice(0, local.hour).reduce((a, b) => a + b, 0);
        day.lastWeekSoFar = { chats: before + Math.round((hours[local.hour] ?? 0) * (local.minute / 60)), until: local.toFormat('HH:mm') };
      }
    } catch {
      // The comparison is a bonus: the day's own figures still go out.
    }
  }
  return day;
}

/** The hour with the most chats started (the first when tied); none when nothing started. */
export function busiestHour(chatsByHour: readonly number[] | undefined): { hour: number; chats: number } | undefined {
  if (!chatsByHour?.length) return undefined;
  let best = 0;
  chatsByHour.forEach((n, hour) => {
    if (n > (chatsByHour[best] ?? 0)) best = hour;
  });
  const chats = chatsByHour[best] ?? 0;
  return chats > 0 ? { hour: best, chats } : undefined;
}
