import { DateTime } from 'luxon';
import type { DayStats, RecentArrivals } from '../../src/domain/types.js';
import type { Comm100Client } from './client.js';
import { todaySchema, type TodayWire } from './wire.js';

/** The vendor's local date-time format for `startTime` and `endTime`. */
const LOCAL_TIME = "yyyy-MM-dd'T'HH:mm:ss";

/** `livechat/realTime/Today` over a stretch of the operation's local time (any start and end). */
function todayBetween(client: Comm100Client, from: DateTime, to: DateTime, signal?: AbortSignal): Promise<TodayWire> {
  return client.get('livechat/realTime/Today', {
    query: { startTime: from.toFormat(LOCAL_TIME), endTime: to.toFormat(LOCAL_TIME), utcOffset: comm100UtcOffset(from) },
    schema: todaySchema,
    signal,
  });
}

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
  return mapToday(await todayBetween(client, day, day.endOf('day'), signal), day.toISODate()!);
}

/**
 * One local day with its chats per hour (24 entries, 0 for hours still to come): the day's
 * figures, and `livechat/realTime/Today` over each hour begun so far, one request each. Used by
 * summaries: last week's day to compare with, and today's hours for the picture.
 *
 * @example
 *   const day = await readDay(client, '2024-02-27', new Date(), 'America/Bogota'); // day.chatsByHour[10] === 4
 */
export async function readDay(client: Comm100Client, date: string, now: Date, timeZone: string, signal?: AbortSignal): Promise<DayStats> {
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  const between = (from: DateTime, to: DateTime) => todayBetween(client, from, to, signal);
  const begun = Array.from({ length: 24 }, (_, h) => day.plus({ hours: h })).filter((start) => start.toMillis() <= now.getTime());
  const [whole, ...hours] = await Promise.all([
    between(day, day.endOf('day')),
    ...begun.map((start) => between(start, start.plus({ hours: 1 }).minus({ seconds: 1 }))),
  ]);
  const chatsByHour = Array.from({ length: 24 }, (_, h) => (hours[h] ? chatsOf(hours[h]) : 0));
  return { ...mapToday(whole!, day.toISODate()!), chatsByHour };
}

/** How far back `/staffing` counts arrivals. */
const RECENT_MINUTES = 60;

/**
 * Chats that arrived over the last hour (today's minutes only, just after midnight):
 * `livechat/realTime/Today` takes any start and end, so the vendor counts them itself.
 *
 * @example
 *   const { chats, minutes } = await readRecentArrivals(client, new Date(), 'America/Bogota'); // { chats: 24, minutes: 60 }
 */
export async function readRecentArrivals(client: Comm100Client, now: Date, timeZone: string, signal?: AbortSignal): Promise<RecentArrivals> {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const from = DateTime.max(local.minus({ minutes: RECENT_MINUTES }), local.startOf('day'));
  const answer = await todayBetween(client, from, local, signal);
  return { chats: chatsOf(answer), minutes: Math.floor(local.diff(from, 'minutes').minutes) };
}

/**
 * `livechat/realTime/Today` as the day's figures. `chats` is `totalChats` (falling back to
 * `chats`); durations are the vendor's numbers read as seconds (inferred: the page says "double").
 */
export function mapToday(today: TodayWire, date: string): DayStats {
  const stats: DayStats = { date, chats: chatsOf(today) };
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

/** An answer's chats: `totalChats`, else `chats`. (unknown) whether chats the bot closed alone count in it. */
function chatsOf(today: TodayWire): number {
  return today.totalChats ?? today.chats ?? 0;
}
