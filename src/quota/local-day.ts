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
