import { DateTime } from 'luxon';
import type { ActiveHours } from '../../config/schema.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Whether `at` falls inside a rule's active hours, read in `hours.timeZone` or else `zone` (the
 * source's). `from`–`to` includes the whole `to` minute ("23:59" reaches midnight). A window
 * that crosses midnight ("22:00"–"06:00") belongs to the day it starts on. No active hours
 * means always active.
 *
 * @example
 *   isActive({ days: ['mon'], from: '08:00', to: '18:00' }, new Date('2026-11-23T14:00:00Z'), 'America/Bogota'); // true
 */
export function isActive(hours: ActiveHours | undefined, at: Date, zone: string): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone ?? zone });
  const minute = local.hour * 60 + local.minute;
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  const day = DAYS[local.weekday - 1]!;
  if (from <= to) return hours.days.includes(day) && minute >= from && minute <= to;
  if (minute >= from) return hours.days.includes(day);
  const previous = DAYS[(local.weekday + 5) % 7]!;
  return minute <= to && hours.days.includes(previous);
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
