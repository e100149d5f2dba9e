import { DateTime } from 'luxon';
import type { Instant } from '../../src/domain/types.js';

const LOCAL_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A VCC Live time as an instant. The chat log writes local times without an offset
 * (`2023-01-20 11:50:43`, read in the account's `zone`) except transcript messages, which carry
 * one (`2023-01-20T12:50:43+01:00`); both are accepted wherever they appear. Empty, zero
 * (`0000-00-00 00:00:00`) and unreadable values give undefined rather than a wrong instant.
 *
 * @example
 *   vccTime('2023-01-20 11:50:43', 'Europe/Budapest'); // '2023-01-20T10:50:43.000Z'
 */
export function vccTime(value: string | null | undefined, zone: string): Instant | undefined {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.startsWith('0000-00-00')) return undefined;
  const parsed = LOCAL_WITHOUT_OFFSET.test(trimmed) ? DateTime.fromISO(trimmed.replace(' ', 'T'), { zone }) : DateTime.fromISO(trimmed, { setZone: true });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? undefined) : undefined;
}

/** The account's local hour (0..23) of an instant. */
export function localHour(instant: Instant, zone: string): number {
  return DateTime.fromISO(instant, { zone }).hour;
}

/** Whole seconds from `from` to `to`, never negative (clocks of vendor and bot differ a little). */
export function secondsBetween(from: Instant, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 1000));
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
