import { DateTime } from 'luxon';

/**
 * The operation's calendar date (`YYYY-MM-DD`) at an instant in `timeZone`, `daysBack` days
 * earlier: the day a daily budget belongs to, "today" and "yesterday" of a vendor report. An
 * unknown zone falls back to UTC rather than failing a supervisor's question (configuration
 * validates zones; this only guards a programming slip).
 *
 * @example
 *   localDate(Date.parse('2026-11-21T04:59:00Z'), 'America/Bogota')    // '2026-11-20'
 *   localDate(new Date('2026-11-21T15:00:00Z'), 'America/Bogota', 7)   // '2026-11-14'
 */
export function localDate(at: Date | number, timeZone: string, daysBack = 0): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(ms, { zone: 'utc' })).minus({ days: daysBack }).toISODate() ?? '1970-01-01';
}
