import { formatDuration, formatLocalTime } from '../reply/format.js';
import type { Reply } from '../reply/reply.js';
import type { AckRecord, AlertRecord } from './types.js';

/**
 * The message of a source that gives no figures: "EMEA: no figures since 11:02" while it lasts
 * (with an Ack button), "EMEA: figures are back" once a poll reads one again.
 *
 * @example
 *   platform.update(ref, noFiguresReply(alert, ack));
 */
export function noFiguresReply(alert: AlertRecord, ack?: AckRecord): Reply {
  const zone = alert.timeZone;
  const context = { source: alert.sourceLabel, note: `Source ${alert.source} · alert ${alert.id}`, timeZone: zone };
  if (alert.resolvedAt) {
    return {
      title: `${alert.sourceLabel}: figures are back`,
      summary: `No figures could be read from ${formatLocalTime(alert.since, zone)} to ${formatLocalTime(alert.resolvedAt, zone)} (${formatDuration((Date.parse(alert.resolvedAt) - Date.parse(alert.since)) / 1000)}); the alert rules of ${alert.sourceLabel} watch again.`,
      fields: ack ? [{ label: 'Acknowledged by', value: ack.by }] : undefined,
      context,
      visibility: 'public',
      tone: 'good',
    };
  }
  return {
    title: `${alert.sourceLabel}: no figures since ${formatLocalTime(alert.since, zone)}`,
    summary: `The bot could not read ${alert.sourceLabel} for ${alert.value} polls in a row, so its alert rules cannot tell whether a threshold is passed. Alerts already open stay open.`,
    fields: ack ? [{ label: 'Acknowledged by', value: `${ack.by} at ${formatLocalTime(ack.at, zone)}` }] : undefined,
    buttons: ack ? undefined : [{ label: 'Ack', action: 'ack', value: alert.id, style: 'primary' }],
    context,
    visibility: 'public',
    tone: 'warning',
  };
}

/** The thread line when figures return: "Figures are back after 18m 00s". */
export function figuresBackNote(alert: AlertRecord): Reply {
  const lasted = (Date.parse(alert.resolvedAt ?? alert.firedAt) - Date.parse(alert.since)) / 1000;
  return { title: `Figures are back after ${formatDuration(lasted)}`, visibility: 'public', tone: 'good' };
}
