import { formatDuration, formatLocalTime } from '../../reply/format.js';
import type { Reply } from '../../reply/reply.js';
import { formatMetricValue, metricLabel } from '../model/metric-text.js';
import type { Localized } from '../../i18n/index.js';
import { minutesOf } from '../evaluate/early-warning.js';
import type { AlertRecord } from '../model/types.js';

/**
 * An early warning's message in its current state:
 * - open: "Kundenservice: longest wait will pass 2m 00s in about 8 min at this rate";
 * - became the alert: says so and names the alert;
 * - trend cleared (or watch ended): what the value is now, no buttons.
 *
 * @example
 *   platform.update(ref, warningReply(warning));
 */
export function warningReply(warning: AlertRecord, said?: Localized): Reply {
  const forecast = warning.forecast!;
  const label = metricLabel(warning.metric, said);
  const place = warning.queue ? `${warning.sourceLabel} · ${warning.queue}` : warning.sourceLabel;
  const who = warning.queue ?? warning.sourceLabel;
  const threshold = formatMetricValue(warning.metric, warning.threshold);
  const verb = warning.direction === 'above' ? 'pass' : 'drop below';
  const now = formatMetricValue(warning.metric, warning.value);
  const footer = `Rule ${warning.ruleId} · early warning ${warning.id} (forecast ${formatDuration(forecast.horizonMs / 1000)})`;
  const context = { source: warning.sourceLabel, note: footer, timeZone: warning.timeZone };
  const zone = warning.timeZone;
  if (warning.resolvedAt) {
    const became = warning.endReason === 'became-alert';
    return {
      title: became ? `Early warning came true · ${label} — ${place}` : `Early warning cleared · ${label} — ${place}`,
      summary: became
        ? `${label} passed ${threshold}: alert ${forecast.alertId ?? ''} fired at ${formatLocalTime(warning.resolvedAt, zone)}, ${formatDuration((Date.parse(warning.resolvedAt) - Date.parse(warning.firedAt)) / 1000)} after this warning.`
        : warning.endReason === 'inactive'
          ? `Watch ended outside active hours; ${label.toLowerCase()} was ${now}.`
          : `The trend no longer points ${warning.direction === 'above' ? 'past' : 'below'} ${threshold}; ${label.toLowerCase()} is ${now}.`,
      fields: [
        { label: 'Warned', value: formatLocalTime(warning.firedAt, zone) },
        { label: 'Ended', value: formatLocalTime(warning.resolvedAt, zone) },
      ],
      context,
      visibility: 'public',
      tone: became ? 'warning' : 'good',
    };
  }
  const minutes = minutesOf(forecast.inSeconds);
  const when = minutes === 0 ? 'any moment now' : `in about ${minutes} min`;
  const rate = formatRate(warning, forecast.slopePerMinute);
  return {
    title: `Early warning · ${label} — ${place}`,
    summary: `${who}: ${label.toLowerCase()} will ${verb} ${threshold} ${when} at this rate.`,
    fields: [
      { label: 'Now', value: now },
      { label: 'Trend', value: rate },
      { label: 'Alert at', value: `${warning.direction} ${threshold}` },
      { label: 'Since', value: formatLocalTime(warning.firedAt, zone) },
    ],
    buttons: [{ label: 'Silence 1h', action: 'silence', value: `${warning.ruleId}:1h` }],
    context,
    visibility: 'public',
    tone: 'warning',
  };
}

/** "+9s a minute", "+1.5 a minute", "-2 a minute". */
function formatRate(warning: AlertRecord, perMinute: number): string {
  const sign = perMinute >= 0 ? '+' : '-';
  const size = Math.abs(perMinute);
  if (warning.metric.endsWith('_seconds')) return `${sign}${formatDuration(Math.round(size))} a minute`;
  if (warning.metric === 'agents.utilization' || warning.metric === 'handoffs.rate_today') return `${sign}${(size * 100).toFixed(1)} points a minute`;
  return `${sign}${size >= 10 ? Math.round(size) : size.toFixed(1)} a minute`;
}
