import { DateTime } from 'luxon';

/**
 * One calendar day in the operation's zone, as the simulation keys it. The simulation counts
 * seconds from local midnight, so on a day when the clocks change the hours after the change
 * read one hour off the plan (a shift "at 07:00" logs in at 08:00): accepted for a demo.
 */
export interface LocalDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Days since 1970-01-01 for that calendar date: the simulation's key for the day. */
  dayNumber: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** The instant of local midnight, in epoch milliseconds. */
  startMs: number;
}

/** The local day that contains an instant. */
export function localDayAt(epochMs: number, zone: string): LocalDay {
  return fromDateTime(DateTime.fromMillis(epochMs, { zone }).startOf('day'));
}

/** The local day of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function localDayOfDate(date: string, zone: string): LocalDay | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return start.isValid ? fromDateTime(start) : undefined;
}

/** The local day `offset` calendar days away (negative: earlier). */
export function addDays(day: LocalDay, offset: number, zone: string): LocalDay {
  return fromDateTime(DateTime.fromMillis(day.startMs, { zone }).plus({ days: offset }).startOf('day'));
}

function fromDateTime(start: DateTime): LocalDay {
  return {
    date: start.toISODate() as string,
    dayNumber: Math.round(Date.UTC(start.year, start.month - 1, start.day) / 86_400_000),
    weekday: start.weekday,
    startMs: start.toMillis(),
  };
}
