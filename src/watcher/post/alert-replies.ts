import type { Reply, ReplyButton, ReplyField } from '../../reply/reply.js';
import { localized, type Localized } from '../../i18n/index.js';
import type { AckRecord, AlertRecord, Severity } from '../model/types.js';
import { figuresBackNote, noFiguresReply } from './no-figures-reply.js';
import { formatMetricValue, metricLabel } from '../model/metric-text.js';
import { warningReply } from './warning-reply.js';

const SEVERITY_TONE: Record<Severity, Reply['tone']> = { info: 'normal', warning: 'warning', critical: 'danger' };

/** "above 10", "below 1", "above 2m 00s". */
export function thresholdText(alert: Pick<AlertRecord, 'metric' | 'direction' | 'threshold'>, said: Localized = localized('en')): string {
  return said.t(alert.direction === 'above' ? 'alert.above' : 'alert.below', { value: formatMetricValue(alert.metric, alert.threshold, said) });
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
export function alertReply(alert: AlertRecord, ack?: AckRecord, locale?: string): Reply {
  const said = localized(locale);
  const reply = alertReplyIn(alert, ack, said);
  return said.locale === 'en' ? reply : { ...reply, locale: said.locale };
}

function alertReplyIn(alert: AlertRecord, ack: AckRecord | undefined, said: Localized): Reply {
  if (alert.forecast) return warningReply(alert, said);
  if (alert.kind === 'no-figures') return noFiguresReply(alert, ack, said);
  const { t, fmt } = said;
  const label = metricLabel(alert.metric, said);
  const zone = alert.timeZone;
  const value = formatMetricValue(alert.metric, alert.value, said);
  const threshold = thresholdText(alert, said);
  const fields: ReplyField[] = [];
  const footer = alert.warnedBy
    ? t('alert.footerForeseen', { rule: alert.ruleId, id: alert.id, warning: alert.warnedBy.id })
    : t('alert.footer', { rule: alert.ruleId, id: alert.id });

  if (alert.resolvedAt) {
    const lasted = (Date.parse(alert.resolvedAt) - Date.parse(alert.since)) / 1000;
    fields.push({ label: t('alert.field.peak'), value: formatMetricValue(alert.metric, alert.peak, said) });
    fields.push({ label: t('alert.field.lasted'), value: fmt.duration(lasted) });
    fields.push({ label: t('alert.field.threshold'), value: threshold });
    fields.push({ label: t('alert.field.from'), value: t('alert.fromTo', { from: fmt.time(alert.since, zone), to: fmt.time(alert.resolvedAt, zone) }) });
    if (alert.reopens) fields.push({ label: t('alert.field.firedAgain'), value: timesText(alert.reopens, said) });
    if (ack) fields.push({ label: t('alert.field.ackedBy'), value: ack.by });
    const ended =
      alert.endReason === 'inactive'
        ? t('alert.ended.inactive')
        : alert.endReason === 'rule-removed'
          ? t('alert.ended.ruleRemoved')
          : t('alert.ended.backTo', { value });
    return {
      title: t('alert.resolvedTitle', { metric: label, where: where(alert) }),
      summary: t('alert.resolvedSummary', { threshold, ended }),
      fields,
      context: { source: alert.sourceLabel, note: footer, timeZone: zone },
      visibility: 'public',
      tone: 'good',
    };
  }

  fields.push({
    label: t('alert.field.now'),
    value: alert.missingSince ? t('alert.noFiguresSince', { time: fmt.time(alert.missingSince, zone), value }) : value,
  });
  fields.push({ label: t('alert.field.threshold'), value: threshold });
  fields.push({ label: t('alert.field.since'), value: fmt.time(alert.since, zone) });
  if (alert.reopens)
    fields.push({
      label: t('alert.field.firedAgain'),
      value: t('alert.firedAgainLast', { times: timesText(alert.reopens, said), time: fmt.time(alert.reopenedAt ?? alert.firedAt, zone) }),
    });
  if (alert.flapping) fields.push({ label: t('alert.field.flapping'), value: t('alert.flapping') });
  if (alert.peak !== alert.value) fields.push({ label: t('alert.field.peak'), value: formatMetricValue(alert.metric, alert.peak, said) });
  if (alert.warnedBy)
    fields.push({
      label: t('alert.field.earlyWarning'),
      value: t('alert.warnedAhead', {
        time: fmt.time(alert.warnedBy.at, zone),
        ahead: fmt.duration((Date.parse(alert.firedAt) - Date.parse(alert.warnedBy.at)) / 1000),
      }),
    });
  if (ack) fields.push({ label: t('alert.field.ackedBy'), value: t('alert.ackedAt', { who: ack.by, time: fmt.time(ack.at, zone) }) });
  const buttons: ReplyButton[] = [];
  if (!ack) buttons.push({ label: t('alert.button.ack'), action: 'ack', value: alert.id, style: 'primary' });
  buttons.push({ label: t('alert.button.silence'), action: 'silence', value: `${alert.ruleId}:1h` });
  const head = { severity: t(`alert.severity.${alert.severity}`), metric: label, value, where: where(alert) };
  return {
    title: ack ? t('alert.titleAcked', head) : t('alert.title', head),
    summary: alert.missingSince
      ? t('alert.summaryMissing', { metric: label, time: fmt.time(alert.missingSince, zone), value, threshold })
      : t('alert.summary', { metric: label, value, threshold, time: fmt.time(alert.since, zone) }),
    fields,
    buttons,
    context: { source: alert.sourceLabel, note: footer, timeZone: zone },
    visibility: 'public',
    tone: ack ? 'normal' : SEVERITY_TONE[alert.severity],
  };
}

/** The short reply under the message when it resolves: "Resolved after 12m 30s · peak 14". */
export function resolvedNote(alert: AlertRecord, said: Localized = localized('en')): Reply {
  if (alert.kind === 'no-figures') return figuresBackNote(alert, said);
  const lasted = (Date.parse(alert.resolvedAt ?? alert.firedAt) - Date.parse(alert.since)) / 1000;
  return {
    title: said.t('alert.resolvedNote', { lasted: said.fmt.duration(lasted), peak: formatMetricValue(alert.metric, alert.peak, said) }),
    visibility: 'public',
    tone: 'good',
  };
}

/** The line under the message when the same alert fires again soon after resolving. */
export function reopenedNote(alert: AlertRecord, said: Localized = localized('en')): Reply {
  return {
    title: said.t('alert.reopenedNote', {
      time: said.fmt.time(alert.reopenedAt ?? alert.firedAt, alert.timeZone),
      metric: metricLabel(alert.metric, said),
      value: formatMetricValue(alert.metric, alert.value, said),
      threshold: thresholdText(alert, said),
    }),
    visibility: 'public',
    tone: SEVERITY_TONE[alert.severity],
  };
}

/** "once", "twice", "3 times". */
function timesText(n: number, { t }: Localized): string {
  return n === 2 ? t('alert.twice') : t('alert.times', { count: n });
}

/** The reminder under the message while it keeps firing: "Still firing after 30m: Chats waiting 13 (above 10)". */
export function reminderNote(alert: AlertRecord, now: Date, said: Localized = localized('en')): Reply {
  const lasted = (now.getTime() - Date.parse(alert.since)) / 1000;
  return {
    title: said.t('alert.reminderNote', {
      lasted: said.fmt.duration(lasted),
      metric: metricLabel(alert.metric, said),
      value: formatMetricValue(alert.metric, alert.value, said),
      threshold: thresholdText(alert, said),
    }),
    visibility: 'public',
    tone: SEVERITY_TONE[alert.severity],
  };
}
