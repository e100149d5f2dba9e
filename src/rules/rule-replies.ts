import { DateTime } from 'luxon';
import { localized, type Localized } from '../i18n/index.js';
import type { Reply } from '../reply/reply.js';
import type { Preview, ReplayedAlert } from './preview.js';
import type { RuleVersion } from './versions.js';

/** At most this many past alerts are listed in a preview. */
const LISTED = 5;

/**
 * What the changed rule would have done, in a sentence in the asker's (or the channel's)
 * language: "Over the last 7 days it would have fired 4 times (not 12): Mon 11:02 for 14m, …;
 * today it would not have fired."
 */
export function previewText(preview: Preview | undefined, zone: string, said: Localized = localized('en')): string {
  const { t } = said;
  if (!preview) return t('rules.preview.none');
  const { before, after } = preview;
  const times = (count: number) => t('alert.times', { count });
  const listed = after
    .slice(-LISTED)
    .map((a) => alertText(a, zone, said))
    .join(', ');
  const more = after.length > LISTED ? t('rules.preview.earlier', { count: after.length - LISTED }) : '';
  const head =
    after.length === 0
      ? before.length
        ? t('rules.preview.wouldNotFired', { times: times(before.length) })
        : t('rules.preview.wouldNot')
      : after.length === before.length
        ? t('rules.preview.would', { times: times(after.length), listed: `${listed}${more}` })
        : t('rules.preview.wouldNotNow', { times: times(after.length), before: before.length, listed: `${listed}${more}` });
  const today = preview.afterToday === 0 ? t('rules.preview.todayNot') : t('rules.preview.today', { times: times(preview.afterToday) });
  return t('rules.preview.sentence', { head, today });
}

function alertText(alert: ReplayedAlert, zone: string, { t, fmt, locale }: Localized): string {
  const when = DateTime.fromMillis(alert.firedAt, { zone })
    .setLocale(locale === 'en-XA' ? 'en' : locale)
    .toFormat('ccc HH:mm');
  return alert.lastedMs === undefined
    ? t('rules.preview.stillFiring', { when })
    : t('rules.preview.lasted', { when, lasted: fmt.duration(alert.lastedMs / 1000) });
}

/**
 * The post in a rule's channels when it changes: who, what (old → new), what it would have done,
 * and Undo; in the language of the rule's source (as its alert posts).
 */
export function announcement(version: RuleVersion, preview: Preview | undefined, zone: string, locale?: string): Reply {
  const said = localized(locale);
  const { t } = said;
  const reply: Reply = {
    title: t('rules.announcedTitle', { by: version.by, rule: version.ruleId, change: changeText(version.change, said) }),
    summary: previewText(preview, zone, said),
    buttons: [{ label: t('rules.undo'), action: 'run', value: `/alerts undo ${version.ruleId}` }],
    context: { note: t('rules.announcedNote', { rule: version.ruleId, version: version.version }), timeZone: zone },
    visibility: 'public',
    tone: 'normal',
  };
  return said.locale === 'en' ? reply : { ...reply, locale: said.locale };
}

/**
 * A change as the versions record it ("above 8 → 15, turned off", "undo: …", "created: …"), in
 * the reader's language: the bot's own words are translated, field names and values stay as typed.
 *
 * @example
 *   changeText('undo: turned on', localized('es')); // "deshacer: activada"
 */
export function changeText(change: string, said: Localized = localized('en')): string {
  const { t } = said;
  const undo = /^undo: (.*)$/.exec(change);
  if (undo) return t('rules.change.undo', { change: changeText(undo[1]!, said) });
  const created = /^created: (.+) on (\S+) ((?:above|below) \S+)$/.exec(change);
  if (created) return t('rules.change.created', { metric: created[1], source: created[2], threshold: created[3] });
  const words: Record<string, string> = { 'turned on': t('rules.change.on'), 'turned off': t('rules.change.off'), 'no change': t('rules.change.none') };
  return change
    .split(', ')
    .map((part) => words[part] ?? part)
    .join(', ');
}
