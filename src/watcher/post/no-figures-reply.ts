import { localized, type Localized } from '../../i18n/index.js';
import type { Reply } from '../../reply/reply.js';
import type { AckRecord, AlertRecord } from '../model/types.js';

/**
 * The message of a source that gives no figures: "EMEA: no figures since 11:02" while it lasts
 * (with an Ack button), "EMEA: figures are back" once a poll reads one again.
 *
 * @example
 *   platform.update(ref, noFiguresReply(alert, ack));
 */
export function noFiguresReply(alert: AlertRecord, ack?: AckRecord, { t, fmt }: Localized = localized('en')): Reply {
  const zone = alert.timeZone;
  const context = { source: alert.sourceLabel, note: t('figures.footer', { source: alert.source, id: alert.id }), timeZone: zone };
  if (alert.resolvedAt) {
    return {
      title: t('figures.backTitle', { source: alert.sourceLabel }),
      summary: t('figures.backSummary', {
        from: fmt.time(alert.since, zone),
        to: fmt.time(alert.resolvedAt, zone),
        lasted: fmt.duration((Date.parse(alert.resolvedAt) - Date.parse(alert.since)) / 1000),
        source: alert.sourceLabel,
      }),
      fields: ack ? [{ label: t('alert.field.ackedBy'), value: ack.by }] : undefined,
      context,
      visibility: 'public',
      tone: 'good',
    };
  }
  return {
    title: t('figures.missingTitle', { source: alert.sourceLabel, time: fmt.time(alert.since, zone) }),
    summary: t('figures.missingSummary', { source: alert.sourceLabel, count: alert.value }),
    fields: ack ? [{ label: t('alert.field.ackedBy'), value: t('alert.ackedAt', { who: ack.by, time: fmt.time(ack.at, zone) }) }] : undefined,
    buttons: ack ? undefined : [{ label: t('alert.button.ack'), action: 'ack', value: alert.id, style: 'primary' }],
    context,
    visibility: 'public',
    tone: 'warning',
  };
}

/** The thread line when figures return: "Figures are back after 18m 00s". */
export function figuresBackNote(alert: AlertRecord, { t, fmt }: Localized = localized('en')): Reply {
  const lasted = (Date.parse(alert.resolvedAt ?? alert.firedAt) - Date.parse(alert.since)) / 1000;
  return { title: t('figures.backNote', { lasted: fmt.duration(lasted) }), visibility: 'public', tone: 'good' };
}
