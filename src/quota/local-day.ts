import { DateTime } from 'luxon';

/**
 * The operation's calendar date (`YYYY-MM-DD`) at `ms` in `timeZone`: the day a daily budget
 * belongs to. An unknown zone falls back to UTC rather than failing a supervisor's question
 * (configuration validates zones; this only guards a programming slip).
 *
 * @example
 *   localDay(Date.parse('2026-11-21T04:59:00Z'), 'America/Bogota') // '2026-11-20'
 */
export function localDay(ms: number, timeZone: string): string {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(ms, { zone: 'utc' })).toISODate() ?? '1970-01-01';
}

/** The vendor part of a token key (`wolkvox:0032:ab12` -> `wolkvox`), for sentences. */
export function vendorOf(tokenKey: string): string {
  return tokenKey.split(':')[0] || 'the vendor';
}

/** The source part of a gate key (`bogota:queue` -> `bogota`), for metric labels. */
export function sourceOf(cacheKey: string): string {
  return cacheKey.split(':')[0] ?? cacheKey;
}
