import { DateTime } from 'luxon';
import type { DayStats } from '../../src/domain/types.js';
import type { Comm100Client } from './client.js';
import { todaySchema, type TodayWire } from './wire.js';

/**
 * Today's figures for the operation's local day: `livechat/realTime/Today` between local
 * midnight and the end of the day, in the operation's UTC offset.
 *
 * @example
 *   const stats = await readToday(client, new Date(), 'America/Bogota');
 */
export async function readToday(client: Comm100Client, now: Date, timeZone: string, signal?: AbortSignal): Promise<DayStats> {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const day = local.startOf('day');
  const answer = await client.get('livechat/realTime/Today', {
    query: {
      startTime: day.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
      endTime: day.endOf('day').toFormat("yyyy-MM-dd'T'HH:mm:ss"),
      utcOffset: comm100UtcOffset(local),
    },
    schema: todaySchema,
    signal,
  });
  return mapToday(answer, day.toISODate()!);
}

/**
 * `livechat/realTime/Today` as the day's figures. `chats` is `totalChats` (falling back to
 * `chats`); durations are the vendor's numbers read as seconds (inferred: the page says "double").
 */
export function mapToday(today: TodayWire, date: string): DayStats {
  const stats: DayStats = { date, chats: today.totalChats ?? today.chats ?? 0 };
  if (today.missedChats != null) stats.missed = today.missedChats;
  const abandoned = today.abandondedChats ?? today.abandonedChats;
  if (abandoned != null) stats.abandoned = abandoned;
  if (today.avgWaitingTime != null) stats.averageWaitSeconds = today.avgWaitingTime;
  if (today.avgChatTime != null) stats.averageChatSeconds = today.avgChatTime;
  if (today.totalTransferredChats != null) stats.transfers = today.totalTransferredChats;
  return stats;
}

/**
 * The `utcOffset` query value: minutes east of UTC at that moment (e.g. -300 for Bogotá).
 * (unknown) The page says only "int"; minutes are assumed because whole hours could not express
 * zones such as India (+330). Correct it here if a live account shows hours.
 */
export function comm100UtcOffset(local: DateTime): number {
  return local.offset;
}
