import { formatDuration, formatLocalTime } from '../reply/format.js';
import type { Reply, ReplyButton, ReplyField } from '../reply/reply.js';
import type { AckRecord, AlertRecord, Severity } from './types.js';
import { figuresBackNote, noFiguresReply } from './no-figures-reply.js';
import { formatMetricValue, METRIC_LABELS } from './metric-text.js';
import { warningReply } from './warning-reply.js';

const SEVERITY_LABEL: Record<Severity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical' };
const SEVERITY_TONE: Record<Severity, Reply['tone']> = { info: 'normal', warning: 'warning', critical: 'danger' };

/** "above 10", "below 1", "above 2m 00s". */
export function thresholdText(alert: Pick<AlertRecord, 'metric' | 'direction' | 'threshold'>): string {
  return `${alert.direction} ${formatMetricValue(alert.metric, alert.threshold)}`;
}

/** "Bogotá", "Bogotá · Sales". */
function where(alert: AlertRecord): string {
  return alert.queue ? `${alert.sourceLabel} · ${alert.queue}` : alert.sourceLabel;
}

/**
 * The alert message in its current state:
 * - firing: severity in the title, value against threshold, source and queue, since when,
 *   buttons Ack and Silence 1h;
 * - acknowledged: the same, saying by whom, with only Silence 1h left;
 * - resolved: peak and how long it lasted, no buttons.
 *
 * @example
 *   platform.update(ref, alertReply(alert, ack)); // "Resolved · Chats waiting — Bogotá · Sales"
 */
export function alertReply(alert: AlertRecord, ack?: AckRecord): Reply {
  if (alert.forecast) return warningReply(alert);
  if (alert.kind === 'no-figures') return noFiguresReply(alert, ack);
  const label = METRIC_LABELS[alert.metric];
  const zone = alert.timeZone;
  const value = formatMetricValue(alert.metric, alert.value);
  const fields: ReplyField[] = [];
  const footer = `Rule ${alert.ruleId} · alert ${alert.id}${alert.warnedBy ? ` · foreseen by early warning ${alert.warnedBy.id}` : ''}`;

  if (alert.resolvedAt) {
    const lasted = (Date.parse(alert.resolvedAt) - Date.parse(alert.since)) / 1000;
    fields.push({ label: 'Peak', value: formatMetricValue(alert.metric, alert.peak) });
    fields.push({ label: 'Lasted', value: formatDuration(lasted) });
    fields.push({ label: 'Threshold', value: thresholdText(alert) });
    fields.push({ label: 'From', value: `${formatLocalTime(alert.since, zone)} to ${formatLocalTime(alert.resolvedAt, zone)}` });
    if (alert.reopens) fields.push({ label: 'Fired again', value: timesText(alert.reopens) });
    if (ack) fields.push({ label: 'Acknowledged by', value: ack.by });
    const ended =
      alert.endReason === 'inactive'
        ? 'watch ended: outside active hours'
        : alert.endReason === 'rule-removed'
          ? 'rule removed from the configuration'
          : `back to ${value}`;
    return {
      title: `Resolved · ${label} — ${where(alert)}`,
      summary: `Was ${thresholdText(alert)}; ${ended}.`,
      fields,
      context: { source: alert.sourceLabel, note: footer, timeZone: zone },
      visibility: 'public',
      tone: 'good',
    };
  }

  fields.push({ label: 'Now', value: alert.missingSince ? `no figures since ${formatLocalTime(alert.missingSince, zone)} (last ${value})` : value });
  fields.push({ label: 'Threshold', value: thresholdText(alert) });
  fields.push({ label: 'Since', value: formatLocalTime(alert.since, zone) });
  if (alert.reopens)
    fields.push({ label: 'Fired again', value: `${timesText(alert.reopens)}, last at ${formatLocalTime(alert.reopenedAt ?? alert.firedAt, zone)}` });
  if (alert.flapping) fields.push({ label: 'Flapping', value: 'it keeps crossing the threshold; no mentions until it settles' });
  if (alert.peak !== alert.value) fields.push({ label: 'Peak', value: formatMetricValue(alert.metric, alert.peak) });
  if (alert.warnedBy)
    fields.push({
      label: 'Early warning',
      value: `${formatLocalTime(alert.warnedBy.at, zone)}, ${formatDuration((Date.parse(alert.firedAt) - Date.parse(alert.warnedBy.at)) / 1000)} ahead`,
    });
  if (ack) fields.push({ label: 'Acknowledged by', value: `${ack.by} at ${formatLocalTime(ack.at, zone)}` });
  const buttons: ReplyButton[] = [];
  if (!ack) buttons.push({ label: 'Ack', action: 'ack', value: alert.id, style: 'primary' });
  buttons.push({ label: 'Silence 1h', action: 'silence', value: `${alert.ruleId}:1h` });
  return {
    title: `${SEVERITY_LABEL[alert.severity]}${ack ? ' (acknowledged)' : ''} · ${label} ${value} — ${where(alert)}`,
    summary: alert.missingSince
      ? `${label} could not be read since ${formatLocalTime(alert.missingSince, zone)}; it was ${value}, ${thresholdText(alert)}. The alert stays open until figures show it back.`
      : `${label} is ${value}, ${thresholdText(alert)}, since ${formatLocalTime(alert.since, zone)}.`,
    fields,
    buttons,
    context: { source: alert.sourceLabel, note: footer, timeZone: zone },
    visibility: 'public',
    tone: ack ? 'normal' : SEVERITY_TONE[alert.severity],
  };
}

/** The short reply under the message when it resolves: "Resolved after 12m 30s · peak 14". */
export function resolvedNote(alert: AlertRecord): Reply {
  if (alert.kind === 'no-figures') return figuresBackNote(alert);
  const lasted = (Date.parse(alert.resolvedAt ?? alert.firedAt) - Date.parse(alert.since)) / 1000;
  return {
    title: `Resolved after ${formatDuration(lasted)} · peak ${formatMetricValue(alert.metric, alert.peak)}`,
    visibility: 'public',
    tone: 'good',
  };
}

/** The line under the message when the same alert fires again soon after resolving. */
export function reopenedNote(alert: AlertRecord): Reply {
  return {
    title: `Fired again at ${formatLocalTime(alert.reopenedAt ?? alert.firedAt, alert.timeZone)}: ${METRIC_LABELS[alert.metric]} ${formatMetricValue(alert.metric, alert.value)} (${thresholdText(alert)})`,
    visibility: 'public',
    tone: SEVERITY_TONE[alert.severity],
  };
}

/** "once", "twice", "3 times". */
function timesText(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** The reminder under the message while it keeps firing: "Still firing after 30m: Chats waiting 13 (above 10)". */
export function reminderNote(alert: AlertRecord, now: Date): Reply {
  const lasted = (now.getTime() - Date.parse(alert.since)) / 1000;
  return {
    title: `Still firing after ${formatDuration(lasted)}: ${METRIC_LABELS[alert.metric]} ${formatMetricValue(alert.metric, alert.value)} (${thresholdText(alert)})`,
    visibility: 'public',
    tone: SEVERITY_TONE[alert.severity],
  };
}
