import type { DateTime } from 'luxon';
import type { DayStats } from '../domain/types.js';

/**
 * Chats that arrived in the last hour, from the vendor's per-hour counts (of chats that reached the
 * agents' queue when the vendor tells them apart from those the bot closed): this hour so far and the
 * matching share of the previous one (arrivals spread evenly inside an hour). Before 01:00 only
 * today's minutes count. Undefined when the vendor gives no counts per hour.
 */
export function arrivalsWindow(day: DayStats, now: DateTime): { arrivals: number; minutes: number } | undefined {
  const byHour = day.queuedByHour ?? day.chatsByHour;
  if (byHour?.length !== 24) return undefined;
  const hour = now.hour;
  const minute = now.minute + now.second / 60;
  const current = byHour[hour] ?? 0;
  if (hour === 0) return { arrivals: current, minutes: Math.floor(minute) };
  const previousShare = (60 - minute) / 60;
  return { arrivals: Math.round(current + (byHour[hour - 1] ?? 0) * previousShare), minutes: 60 };
}
