import { DateTime } from 'luxon';

/** What every helper prints for a figure the vendor did not give. */
export const MISSING = '—';

/**
 * A duration for supervisors: "45s", "4m 10s", "1h 02m", "2d 03h"; a round figure drops its
 * zero part ("2m", "1h").
 *
 * @example
 *   formatDuration(250); // "4m 10s"
 *   formatDuration(3720); // "1h 02m"
 *   formatDuration(undefined); // "—"
 */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total}s`;
  if (total < 3600) return join(Math.floor(total / 60), 'm', total % 60, 's');
  if (total < 86_400) return join(Math.floor(total / 3600), 'h', Math.floor((total % 3600) / 60), 'm');
  return join(Math.floor(total / 86_400), 'd', Math.floor((total % 86_400) / 3600), 'h');
}

/**
 * A share (0..1) as a percentage: "92%", "4.5%" (one decimal below 10%).
 *
 * @example
 *   formatPercent(0.923); // "92%"
 *   formatPercent(0.045); // "4.5%"
 */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return MISSING;
  const percent = ratio * 100;
  const rounded = Math.round(percent);
  if (Math.abs(percent) < 10 && Math.abs(percent - rounded) >= 0.05) return `${percent.toFixed(1)}%`;
  return `${rounded}%`;
}

/**
 * A count with thousands separators: "1,234"; "—" when missing.
 *
 * @example
 *   formatCount(1234); // "1,234"
 */
export function formatCount(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return MISSING;
  const whole = String(Math.round(value));
  // Intl.NumberFormat took a third of a /queue answer's time; a count needs only the commas.
  return whole.length < 4 ? whole : whole.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * Clock time in the operation's zone: "14:02".
 *
 * @example
 *   formatLocalTime('2026-11-21T19:02:00Z', 'America/Bogota'); // "14:02"
 */
export function formatLocalTime(instant: string | undefined, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  return local ? local.toFormat('HH:mm') : MISSING;
}

/**
 * Day and clock time in the operation's zone: "21 Nov 14:02".
 *
 * @example
 *   formatLocalDateTime('2026-11-21T19:02:00Z', 'America/Bogota'); // "21 Nov 14:02"
 */
export function formatLocalDateTime(instant: string | undefined, timeZone: string): string {
  const local = toLocal(instant, timeZone);
  return local ? local.toFormat('d LLL HH:mm', { locale: 'en' }) : MISSING;
}

/**
 * A local calendar date (`YYYY-MM-DD`) for titles: "Sat 21 Nov".
 *
 * @example
 *   formatLocalDate('2026-11-21'); // "Sat 21 Nov"
 */
export function formatLocalDate(date: string): string {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  return parsed.isValid ? parsed.toFormat('ccc d LLL', { locale: 'en' }) : date;
}

/**
 * How long ago an instant was: "just now", "2 min ago", "1 h 05 min ago", "3 days ago".
 *
 * @example
 *   formatAge('2026-11-21T14:00:00Z', new Date('2026-11-21T14:02:10Z')); // "2 min ago"
 */
export function formatAge(instant: string | undefined, now: Date): string {
  if (!instant) return MISSING;
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return MISSING;
  const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h ago` : `${hours} h ${pad(minutes % 60)} min ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/**
 * Cuts a text to at most `max` characters (code points), ending with "…" when cut.
 *
 * @example
 *   clip('a very long message', 8); // "a very …"
 */
export function clip(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** How much of a foreign text (a vendor's or a platform's answer) an error detail or log line keeps. */
export const SNIPPET_LENGTH = 200;

/**
 * A foreign text as one short line, for an error detail or a log line: runs of white space
 * folded, cut at {@link SNIPPET_LENGTH} characters with "…".
 *
 * @example
 *   snippet('<html>\n  <body>Bad   gateway'); // "<html> <body>Bad gateway"
 */
export function snippet(text: string, max = SNIPPET_LENGTH): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}

function toLocal(instant: string | undefined, timeZone: string): DateTime | undefined {
  if (!instant) return undefined;
  const parsed = DateTime.fromISO(instant, { zone: timeZone });
  return parsed.isValid ? parsed : undefined;
}

function join(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit} ${pad(minor)}${minorUnit}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
