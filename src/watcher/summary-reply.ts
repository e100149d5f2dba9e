import { summaryChart } from './summary-chart.js';
import { DateTime } from 'luxon';
import { formatCount, formatDuration, formatLocalDate, formatPercent } from '../reply/format.js';
import type { Reply, ReplySection } from '../reply/reply.js';
import type { MetricName } from '../config/schema.js';
import { METRIC_LABELS, formatMetricValue } from './metric-text.js';
import type { SourceDay, SummaryFigures } from './summary-figures.js';

/**
 * The daily summary as a Reply: one section per source (chats, missed, abandoned, waits, SLA,
 * handoffs, each with last week's figure where known, and the busiest hour), then the alerts
 * of the day.
 *
 * @example
 *   platform.post('slack:C0123', summaryReply(figures));
 */
export function summaryReply(figures: SummaryFigures): Reply {
  const sections: ReplySection[] = figures.sources.map(sourceSection);
  sections.push({ heading: 'Alerts today', text: alertsText(figures) });
  const clock = DateTime.fromJSDate(figures.at, { zone: figures.timeZone }).toFormat('HH:mm');
  return {
    title: `Daily summary — ${formatLocalDate(figures.date)}`,
    summary: headline(figures),
    sections,
    context: { note: `As of ${clock} ${figures.timeZone}`, timeZone: figures.timeZone },
    visibility: 'public',
    tone: 'normal',
    chart: summaryChart(figures),
  };
}

function headline(figures: SummaryFigures): string {
  const chats = figures.sources.reduce((sum, s) => sum + (s.today?.chats ?? 0), 0);
  const parts = [`${formatCount(chats)} chat${chats === 1 ? '' : 's'}`];
  parts.push(figures.alerts.count ? `${figures.alerts.count} alert${figures.alerts.count === 1 ? '' : 's'}` : 'no alerts');
  return parts.join(' · ');
}

function sourceSection(day: SourceDay): ReplySection {
  const heading = day.label;
  if (!day.today) return { heading, text: `Figures not available: ${(day.problem ?? 'no answer from the vendor').replace(/\.$/, '')}.` };
  const t = day.today;
  const w = day.lastWeek;
  const weekday = w ? `last ${DateTime.fromISO(w.date).toFormat('cccc', { locale: 'en' })}` : undefined;
  // Counts keep growing until midnight: before then last week's whole day is labelled as such.
  const whole = day.partial ? `${weekday}, whole day` : weekday;
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
    const floor = t.lowerBound && format === formatCount ? 'at least ' : '';
    let text = `${label}: *${floor}${format(today)}*`;
    if (compareAs && last !== undefined) text += ` (${compareAs} ${format(last)}${showChange ? change(today, last) : ''})`;
    lines.push(text);
  };
  if (day.lastWeekSoFar) line('Chats', t.chats, day.lastWeekSoFar.chats, formatCount, `${weekday} by ${day.lastWeekSoFar.until}`, true);
  else line('Chats', t.chats, w?.chats, formatCount, whole, !day.partial && !t.lowerBound);
  line('Missed', t.missed, w?.missed, formatCount, whole);
  line('Abandoned', t.abandoned, w?.abandoned, formatCount, whole);
  line('Average wait', t.averageWaitSeconds, w?.averageWaitSeconds, formatDuration);
  line('First response', t.firstResponseSeconds, w?.firstResponseSeconds, formatDuration);
  line('Within SLA', t.slaRate, w?.slaRate, formatPercent);
  line('SLA breaches', t.slaBreaches, w?.slaBreaches, formatCount, whole);
  line('Bot-to-agent handoffs', t.handoffRate, w?.handoffRate, formatPercent);
  if (day.busiestHour) {
    const { hour, chats } = day.busiestHour;
    lines.push(`Busiest hour: ${pad(hour)}:00–${pad((hour + 1) % 24)}:00 (${formatCount(chats)} chats)`);
  }
  if (day.problem) lines.push(`_Note: ${day.problem}_`);
  return { heading, text: lines.join('\n') };
}

/** ", +9%" or ", −5%"; nothing when last week had none to compare with. */
function change(today: number, last: number): string {
  if (last === 0) return '';
  const percent = Math.round(((today - last) / last) * 100);
  return percent === 0 ? ', same' : `, ${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
}

function alertsText(figures: SummaryFigures): string {
  const a = figures.alerts;
  if (a.count === 0) return 'No alerts fired today.';
  const lines = [`${a.count} alert${a.count === 1 ? '' : 's'} fired${a.critical ? ` (${a.critical} critical)` : ''}.`];
  if (a.longest) {
    const metric = a.longest.metric as MetricName;
    lines.push(
      `Longest: ${a.longest.ruleId}, ${formatDuration(a.longest.seconds)} (${METRIC_LABELS[metric] ?? metric} peaked at ${formatMetricValue(metric, a.longest.peak)}).`,
    );
  }
  lines.push(
    a.acknowledged ? `Acknowledged ${a.acknowledged} of ${a.count}, after ${formatDuration(a.averageAckSeconds)} on average.` : 'None was acknowledged.',
  );
  return lines.join('\n');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
