import { DateTime } from 'luxon';
import type { ReplyChart } from '../../reply/chart.js';
import { formatCount } from '../../reply/format.js';
import type { SummaryFigures } from './summary-figures.js';

const HOUR = 3_600_000;

/**
 * The daily summary as a picture: chats per hour today (up to now) against the same weekday
 * last week, and the day's alerts on the same time axis. Sources in the summary's time zone are
 * added up; undefined when no source counts chats per hour.
 *
 * @example
 *   summaryChart(figures)?.series.map((s) => s.name); // ['Chats today', 'Same day last week']
 */
export function summaryChart(figures: SummaryFigures): ReplyChart | undefined {
  const days = figures.sources.filter((d) => d.timeZone === figures.timeZone && d.today?.chatsByHour?.length);
  if (days.length === 0) return undefined;
  const midnight = DateTime.fromISO(figures.date, { zone: figures.timeZone }).startOf('day');
  const hourStart = (h: number) => midnight.plus({ hours: h }).toMillis();
  const sum = (pick: (d: (typeof days)[number]) => readonly number[] | undefined, h: number) => days.reduce((total, d) => total + (pick(d)?.[h] ?? 0), 0);
  const hoursSoFar = Math.min(24, Math.floor((figures.at.getTime() - midnight.toMillis()) / HOUR) + 1);
  const today: Array<[number, number | null]> = Array.from({ length: hoursSoFar }, (_, h) => [hourStart(h), sum((d) => d.today?.chatsByHour, h)]);
  const series: ReplyChart['series'] = [{ name: 'Chats today', unit: 'count', points: today }];
  const withLastWeek = days.filter((d) => d.lastWeek?.chatsByHour?.length);
  if (withLastWeek.length) {
    series.push({
      name: 'Same day last week',
      unit: 'count',
      role: 'comparison',
      points: Array.from({ length: 24 }, (_, h) => [hourStart(h), withLastWeek.reduce((t, d) => t + (d.lastWeek?.chatsByHour?.[h] ?? 0), 0)]),
    });
  }
  const markers = (figures.alerts.fired ?? []).map((a) => ({
    at: a.at,
    label: a.ruleId,
    tone: a.severity === 'critical' ? ('danger' as const) : ('warning' as const),
  }));
  const total = today.reduce((t, [, n]) => t + (n ?? 0), 0);
  const label = days.length === 1 ? days[0]!.label : `${days.length} sources`;
  let description = `${formatCount(total)} chats today by hour`;
  if (withLastWeek.length) description += ' against the same weekday last week';
  description += markers.length ? `; ${markers.length} alert${markers.length === 1 ? '' : 's'} marked when they fired.` : '; no alerts.';
  return {
    title: `${label}: chats per hour, ${midnight.toFormat('ccc d LLL')}`,
    description,
    timeZone: figures.timeZone,
    kind: 'bar',
    periodMs: HOUR,
    series,
    markers,
    axes: { count: 'Chats per hour' },
  };
}
