import { summaryChart } from './summary-chart.js';
import { DateTime } from 'luxon';
import { hasMessage, localized, type Localized } from '../../i18n/index.js';
import type { Reply, ReplySection } from '../../reply/reply.js';
import type { MetricName } from '../../config/schema.js';
import { formatMetricValue, metricLabel } from '../model/metric-text.js';
import type { SourceDay, SummaryFigures } from './summary-figures.js';

/**
 * The daily summary as a Reply: one section per source (chats, missed, abandoned, waits, SLA,
 * handoffs, each with last week's figure where known, and the busiest hour), then the alerts
 * of the day.
 *
 * @example
 *   platform.post('slack:C0123', summaryReply(figures));
 */
export function summaryReply(figures: SummaryFigures, locale?: string): Reply {
  const said = localized(locale);
  const { t, fmt } = said;
  const sections: ReplySection[] = figures.sources.map((day) => sourceSection(day, said));
  sections.push({ heading: t('summary.alertsToday'), text: alertsText(figures, said) });
  const clock = DateTime.fromJSDate(figures.at, { zone: figures.timeZone }).toFormat('HH:mm');
  return {
    title: t('summary.title', { date: fmt.date(figures.date) }),
    summary: headline(figures, said),
    sections,
    context: { note: t('summary.asOf', { time: clock, zone: figures.timeZone }), timeZone: figures.timeZone },
    ...(said.locale === 'en' ? {} : { locale: said.locale }),
    visibility: 'public',
    tone: 'normal',
    chart: summaryChart(figures),
  };
}

function headline(figures: SummaryFigures, { t, fmt }: Localized): string {
  const chats = figures.sources.reduce((sum, s) => sum + (s.today?.chats ?? 0), 0);
  const parts = [t('summary.chats', { count: chats, value: fmt.count(chats) })];
  parts.push(figures.alerts.count ? t('summary.alerts', { count: figures.alerts.count }) : t('summary.noAlerts'));
  return parts.join(' · ');
}

function sourceSection(day: SourceDay, said: Localized): ReplySection {
  const { t: say, fmt, locale } = said;
  const formatCount = fmt.count;
  const heading = day.label;
  const problem = problemText(day, said);
  if (!day.today) return { heading, text: say('summary.notAvailable', { problem: (problem ?? say('summary.noAnswer')).replace(/\.$/, '') }) };
  const t = day.today;
  const w = day.lastWeek;
  const weekday = w
    ? say('summary.lastWeekday', {
        weekday: DateTime.fromISO(w.date)
          .setLocale(locale === 'en-XA' ? 'en' : locale)
          .toFormat('cccc'),
      })
    : undefined;
  // Counts keep growing until midnight: before then last week's whole day is labelled as such.
  const whole = day.partial ? say('summary.wholeDay', { weekday }) : weekday;
  const lines: string[] = [];
  const line = (
    label: string,
    today: number | undefined,
    last: number | undefined,
    format: (n: number | undefined) => string,
    compareAs = weekday,
    showChange = false,
  ) => {
    if (today === undefined) return;
    // A day read only in part (the vendor held more records than the bot reads) gives "at least" counts.
    const floor = t.lowerBound && format === formatCount ? say('summary.atLeast') : '';
    let text = `${label}: *${floor}${format(today)}*`;
    if (compareAs && last !== undefined) text += ` (${compareAs} ${format(last)}${showChange ? change(today, last, said) : ''})`;
    lines.push(text);
  };
  if (day.lastWeekSoFar)
    line(say('summary.line.chats'), t.chats, day.lastWeekSoFar.chats, formatCount, say('summary.byTime', { weekday, time: day.lastWeekSoFar.until }), true);
  else line(say('summary.line.chats'), t.chats, w?.chats, formatCount, whole, !day.partial && !t.lowerBound);
  line(say('summary.line.missed'), t.missed, w?.missed, formatCount, whole);
  line(say('summary.line.abandoned'), t.abandoned, w?.abandoned, formatCount, whole);
  line(say('summary.line.averageWait'), t.averageWaitSeconds, w?.averageWaitSeconds, fmt.duration);
  line(say('summary.line.firstResponse'), t.firstResponseSeconds, w?.firstResponseSeconds, fmt.duration);
  line(say('summary.line.withinSla'), t.slaRate, w?.slaRate, fmt.percent);
  line(say('summary.line.slaBreaches'), t.slaBreaches, w?.slaBreaches, formatCount, whole);
  line(say('summary.line.handoffs'), t.handoffRate, w?.handoffRate, fmt.percent);
  if (day.busiestHour) {
    const { hour, chats } = day.busiestHour;
    lines.push(say('summary.busiest', { hours: `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`, count: chats, value: formatCount(chats) }));
  }
  if (problem) lines.push(`_${say('summary.note', { problem })}_`);
  return { heading, text: lines.join('\n') };
}

/** ", +9%" or ", −5%"; nothing when last week had none to compare with. */
function change(today: number, last: number, { t }: Localized): string {
  if (last === 0) return '';
  const percent = Math.round(((today - last) / last) * 100);
  return percent === 0 ? t('summary.same') : `, ${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
}

function alertsText(figures: SummaryFigures, said: Localized): string {
  const { t, fmt } = said;
  const a = figures.alerts;
  if (a.count === 0) return t('summary.noAlertsFired');
  const lines = [a.critical ? t('summary.firedCritical', { count: a.count, critical: a.critical }) : t('summary.fired', { count: a.count })];
  if (a.longest) {
    const metric = a.longest.metric as MetricName;
    const known = hasMessage(`metric.${metric}`);
    lines.push(
      t('summary.longest', {
        rule: a.longest.ruleId,
        lasted: fmt.duration(a.longest.seconds),
        metric: known ? metricLabel(metric, said) : metric,
        peak: formatMetricValue(metric, a.longest.peak, said),
      }),
    );
  }
  lines.push(
    a.acknowledged ? t('summary.acknowledged', { acked: a.acknowledged, count: a.count, after: fmt.duration(a.averageAckSeconds) }) : t('summary.noneAcked'),
  );
  return lines.join('\n');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Why a source's figures are missing or stale, in the summary's language (its English `problem` otherwise). */
function problemText(day: SourceDay, { t }: Localized): string | undefined {
  const said = day.problemSaid;
  if (!said) return day.problem;
  return t(said.key, { ...said.values, reason: said.reason && t(said.reason.key, said.reason.values) });
}
