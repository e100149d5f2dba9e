import { DateTime } from 'luxon';
import type { Instant } from '../../src/domain/types.js';

/**
 * wolkvox speaks the operation's local time without an offset: request dates are
 * `YYYYmmddHHiiss`, report dates look like `2024-05-14 09:12:31`. Everything here converts
 * between those and UTC instants with the source's IANA zone.
 */

/** A report query range as the vendor wants it: both ends inclusive, local time. */
export interface WolkvoxRange {
  dateIni: string;
  dateEnd: string;
}

/** The vendor refuses ranges longer than this. */
export const MAX_RANGE_DAYS = 31;

const REQUEST_FORMAT = 'yyyyMMddHHmmss';

/** Formats an instant as the vendor's `YYYYmmddHHiiss` in `zone`. */
export function toWolkvoxDate(at: Date | Instant, zone: string): string {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : DateTime.fromJSDate(at);
  return dt.setZone(zone).toFormat(REQUEST_FORMAT);
}

/**
 * Splits [from, to) into vendor ranges of at most 31 days each. `to` is exclusive: the last range
 * ends one second before it, because the vendor's `date_end` is inclusive to the second.
 */
export function splitRange(from: Date | Instant, to: Date | Instant, zone: string): WolkvoxRange[] {
  const start = toDateTime(from).setZone(zone).startOf('second');
  const end = toDateTime(to).setZone(zone).startOf('second').minus({ seconds: 1 });
  const ranges: WolkvoxRange[] = [];
  let chunkStart = start;
  while (chunkStart <= end) {
    const longest = chunkStart.plus({ days: MAX_RANGE_DAYS }).minus({ seconds: 1 });
    const chunkEnd = longest < end ? longest : end;
    ranges.push({ dateIni: chunkStart.toFormat(REQUEST_FORMAT), dateEnd: chunkEnd.toFormat(REQUEST_FORMAT) });
    chunkStart = chunkEnd.plus({ seconds: 1 });
  }
  return ranges;
}

/**
 * The local calendar day `date` (`YYYY-MM-DD`) as a vendor range; when the day is today the range
 * stops at `now`, so the vendor is never asked about the future.
 */
export function dayRange(date: string, zone: string, now: Date): WolkvoxRange {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  const endOfDay = start.endOf('day').startOf('second');
  const current = DateTime.fromJSDate(now).setZone(zone).startOf('second');
  const end = current < endOfDay && current >= start ? current : endOfDay;
  return { dateIni: start.toFormat(REQUEST_FORMAT), dateEnd: end.toFormat(REQUEST_FORMAT) };
}

/** True when `date` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid;
}

/** Local-time layouts seen in wolkvox answers, most likely first. */
const LOCAL_FORMATS = [
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm:ss.SSS',
  'yyyy-MM-dd HH:mm',
  'yyyy/MM/dd HH:mm:ss',
  'yyyyMMddHHmmss',
  'dd/MM/yyyy HH:mm:ss',
  'yyyy-MM-dd',
];

/**
 * Reads a vendor date as an instant. Dates without an offset are local time of the operation;
 * ISO dates carrying an offset keep it. Undefined for empty or unreadable values.
 */
export function parseVendorDate(value: string | undefined, zone: string): Instant | undefined {
  const raw = value?.trim();
  if (!raw || /^0{4}-0{2}-0{2}/.test(raw)) return undefined;
  const iso = DateTime.fromISO(raw, { zone, setZone: false });
  if (iso.isValid && /T/.test(raw)) return iso.toUTC().toISO()!;
  for (const format of LOCAL_FORMATS) {
    const dt = DateTime.fromFormat(raw, format, { zone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  return undefined;
}

/** Hour of the day (0..23) of an instant in `zone`. */
export function localHour(at: Instant, zone: string): number {
  return DateTime.fromISO(at, { zone: 'utc' }).setZone(zone).hour;
}

function toDateTime(at: Date | Instant): DateTime {
  return typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : DateTime.fromJSDate(at);
}
