import { DateTime } from 'luxon';
import { intlTag, type Locale } from './locale.js';
import type { Translate } from './messages.js';

/** What every formatter prints for a figure the vendor did not give. */
const MISSING = '—';

/** Numbers, durations and times in one language; Intl formatters are built once per locale. */
export interface Formats {
  /** "1,234" (en), "1.234" (de, pt-BR), "1234" (es, hu); "—" when missing. */
  count(value: number | undefined): string;
  /** One decimal: "2.5" (en), "2,5" (de, es, pt-BR, hu). */
  decimal(value: number | undefined): string;
  /** "92%", "4.5%" (one decimal below 10%), "92 %" (de, es). */
  percent(ratio: number | undefined): string;
  /** "4m 10s", "1h 02m", "2d 03h" (en); "4 p 10 mp" (hu); the round figure drops its zero part. */
  duration(seconds: number | undefined): string;
  /** Clock time in a zone: "14:02" (24-hour everywhere). */
  time(instant: string | undefined, timeZone: string): string;
  /** "21 Nov 14:02", "21 nov 14:02" (es). */
  dateTime(instant: string | undefined, timeZone: string): string;
  /** A calendar date (`YYYY-MM-DD`): "Sat 21 Nov", "sáb 21 nov". */
  date(date: string): string;
  /** "just now", "2 min ago", "hace 2 min". */
  age(instant: string | undefined, now: Date): string;
}

const cache = new Map<Locale, Formats>();

/**
 * The formatters for a locale (cached with their Intl formatters).
 *
 * @example
 *   formatsFor('de', t).count(1234); // "1.234"
 */
export function formatsFor(locale: Locale, t: Translate): Formats {
  let formats = cache.get(locale);
  if (!formats) {
    formats = build(locale, t);
    cache.set(locale, formats);
  }
  return formats;
}

function build(locale: Locale, t: Translate): Formats {
  const tag = intlTag(locale);
  const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const tenths = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percentWhole = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const percentTenth = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const unit = (name: string, digits: number) => new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'narrow', minimumIntegerDigits: digits });
  const major = { day: unit('day', 1), hour: unit('hour', 1), minute: unit('minute', 1), second: unit('second', 1) };
  const minor = { hour: unit('hour', 2), minute: unit('minute', 2), second: unit('second', 2) };
  const pair = (a: Intl.NumberFormat, n: number, b: Intl.NumberFormat, m: number) => (m === 0 ? a.format(n) : `${a.format(n)} ${b.format(m)}`);
  const local = (instant: string | undefined, timeZone: string) => {
    if (!instant) return undefined;
    const parsed = DateTime.fromISO(instant, { zone: timeZone }).setLocale(tag);
    return parsed.isValid ? parsed : undefined;
  };
  return {
    count: (value) => (value === undefined || !Number.isFinite(value) ? MISSING : whole.format(Math.round(value))),
    decimal: (value) => (value === undefined || !Number.isFinite(value) ? MISSING : tenths.format(value)),
    percent(ratio) {
      if (ratio === undefined || !Number.isFinite(ratio)) return MISSING;
      const percent = ratio * 100;
      const tenth = Math.abs(percent) < 10 && Math.abs(percent - Math.round(percent)) >= 0.05;
      return tenth ? percentTenth.format(ratio) : percentWhole.format(ratio);
    },
    duration(seconds) {
      if (seconds === undefined || !Number.isFinite(seconds)) return MISSING;
      const total = Math.max(0, Math.round(seconds));
      if (total < 60) return major.second.format(total);
      if (total < 3600) return pair(major.minute, Math.floor(total / 60), minor.second, total % 60);
      if (total < 86_400) return pair(major.hour, Math.floor(total / 3600), minor.minute, Math.floor((total % 3600) / 60));
      return pair(major.day, Math.floor(total / 86_400), minor.hour, Math.floor((total % 86_400) / 3600));
    },
    time: (instant, timeZone) => local(instant, timeZone)?.toFormat('HH:mm') ?? MISSING,
    dateTime: (instant, timeZone) => local(instant, timeZone)?.toFormat('d LLL HH:mm') ?? MISSING,
    date(date) {
      const parsed = DateTime.fromISO(date, { zone: 'UTC' }).setLocale(tag);
      return parsed.isValid ? parsed.toFormat('ccc d LLL') : date;
    },
    age(instant, now) {
      if (!instant) return MISSING;
      const at = Date.parse(instant);
      if (Number.isNaN(at)) return MISSING;
      const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
      if (seconds < 45) return t('age.justNow');
      const minutes = Math.round(seconds / 60);
      if (minutes < 60) return t('age.minutes', { count: minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 24)
        return minutes % 60 === 0 ? t('age.hours', { count: hours }) : t('age.hoursMinutes', { hours, minutes: String(minutes % 60).padStart(2, '0') });
      return t('age.days', { count: Math.floor(hours / 24) });
    },
  };
}
