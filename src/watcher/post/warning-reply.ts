import type { Reply } from '../../reply/reply.js';
import { formatMetricValue, metricLabel } from '../model/metric-text.js';
import { localized, type Localized } from '../../i18n/index.js';
import { minutesOf } from '../evaluate/early-warning.js';
import type { AlertRecord } from '../model/types.js';

/**
 * An early warning's message in its current state, in the source's language (as alert posts):
 * - open: "Kundenservice: longest wait will pass 2m 00s in about 8 min at this rate";
 * - became the alert: says so and names the alert;
 * - trend cleared (or watch ended): what the value is now, no buttons.
 *
 * @example
 *   platform.update(ref, warningReply(warning, localized('es')));
 */
export function warningReply(warning: AlertRecord, said: Localized = localized('en')): Reply {
  const { t, fmt } = said;
  const forecast = warning.forecast!;
  const label = metricLabel(warning.metric, said);
  // Inside a sentence: "chats waiting" (German nouns keep their capital).
  const inSentence = said.locale === 'de' ? label : label.toLowerCase();
  const place = warning.queue ? `${warning.sourceLabel} · ${warning.queue}` : warning.sourceLabel;
  const who = warning.queue ?? warning.sourceLabel;
  const threshold = formatMetricValue(warning.metric, warning.threshold, said);
  const now = formatMetricValue(warning.metric, warning.value, said);
  const footer = t('warning.footer', { rule: warning.ruleId, id: warning.id, horizon: fmt.duration(forecast.horizonMs / 1000) });
  const context = { source: warning.sourceLabel, note: footer, timeZone: warning.timeZone };
  const zone = warning.timeZone;
  const above = warning.direction === 'above';
  if (warning.resolvedAt) {
    const became = warning.endReason === 'became-alert';
    return {
      title: t(became ? 'warning.cameTrueTitle' : 'warning.clearedTitle', { metric: label, where: place }),
      summary: became
        ? t('warning.cameTrue', {
            metric: label,
            threshold,
            alert: forecast.alertId ?? '',
            time: fmt.time(warning.resolvedAt, zone),
            after: fmt.duration((Date.parse(warning.resolvedAt) - Date.parse(warning.firedAt)) / 1000),
          })
        : t(warning.endReason === 'inactive' ? 'warning.watchEnded' : above ? 'warning.noLongerAbove' : 'warning.noLongerBelow', {
            threshold,
            metric: inSentence,
            value: now,
          }),
      fields: [
        { label: t('warning.field.warned'), value: fmt.time(warning.firedAt, zone) },
        { label: t('warning.field.ended'), value: fmt.time(warning.resolvedAt, zone) },
      ],
      context,
      visibility: 'public',
      tone: became ? 'warning' : 'good',
    };
  }
  const minutes = minutesOf(forecast.inSeconds);
  const key = above ? (minutes === 0 ? 'warning.willPassNow' : 'warning.willPass') : minutes === 0 ? 'warning.willDropNow' : 'warning.willDrop';
  return {
    title: t('warning.title', { metric: label, where: place }),
    summary: t(key, { who, metric: inSentence, threshold, minutes }),
    fields: [
      { label: t('alert.field.now'), value: now },
      { label: t('warning.field.trend'), value: formatRate(warning, forecast.slopePerMinute, said) },
      { label: t('warning.field.alertAt'), value: t(above ? 'alert.above' : 'alert.below', { value: threshold }) },
      { label: t('alert.field.since'), value: fmt.time(warning.firedAt, zone) },
    ],
    buttons: [{ label: t('alert.button.silence'), action: 'silence', value: `${warning.ruleId}:1h` }],
    context,
    visibility: 'public',
    tone: 'warning',
  };
}

/** "+9s a minute", "+1.5 a minute", "-2 a minute" (in the post's language). */
function formatRate(warning: AlertRecord, perMinute: number, { t, fmt }: Localized): string {
  const sign = perMinute >= 0 ? '+' : '-';
  const size = Math.abs(perMinute);
  if (warning.metric.endsWith('_seconds')) return t('warning.perMinute', { change: `${sign}${fmt.duration(Math.round(size))}` });
  if (warning.metric === 'agents.utilization' || warning.metric === 'handoffs.rate_today')
    return t('warning.pointsPerMinute', { change: `${sign}${fmt.decimal(size * 100)}` });
  return t('warning.perMinute', { change: `${sign}${size >= 10 ? fmt.count(size) : fmt.decimal(size)}` });
}
