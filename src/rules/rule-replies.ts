import { DateTime } from 'luxon';
import { formatDuration } from '../reply/format.js';
import type { Reply } from '../reply/reply.js';
import type { Preview, ReplayedAlert } from './preview.js';
import type { RuleVersion } from './versions.js';

/** At most this many past alerts are listed in a preview. */
const LISTED = 5;

/**
 * What the changed rule would have done, in a sentence: "The last 7 days it would have fired 4
 * times (not 12): Mon 11:02 for 14m, …; today it would not have fired."
 */
export function previewText(preview: Preview | undefined, zone: string): string {
  if (!preview) return 'No recorded figures to replay it over yet (History fills as the watcher polls).';
  const { before, after } = preview;
  const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
  const compare = after.length === before.length ? ' (as now)' : ` (not ${before.length})`;
  const listed = after.slice(-LISTED).map((a) => alertText(a, zone));
  const more = after.length > LISTED ? `, and ${after.length - LISTED} earlier` : '';
  const head =
    after.length === 0
      ? `Over the last 7 days it would not have fired${before.length ? ` (it fired ${times(before.length)})` : ''}`
      : `Over the last 7 days it would have fired ${times(after.length)}${compare}: ${listed.join(', ')}${more}`;
  const today = preview.afterToday === 0 ? 'today it would not have fired' : `today it would have fired ${times(preview.afterToday)}`;
  return `${head}; ${today}.`;
}

function alertText(alert: ReplayedAlert, zone: string): string {
  const when = DateTime.fromMillis(alert.firedAt, { zone }).toFormat('ccc HH:mm');
  return alert.lastedMs === undefined ? `${when} (still firing)` : `${when} for ${formatDuration(alert.lastedMs / 1000)}`;
}

/** The post in a rule's channels when it changes: who, what (old → new), what it would have done, and Undo. */
export function announcement(version: RuleVersion, preview: Preview | undefined, zone: string): Reply {
  return {
    title: `${version.by} changed ${version.ruleId}: ${version.change}`,
    summary: previewText(preview, zone),
    buttons: [{ label: 'Undo', action: 'run', value: `/alerts undo ${version.ruleId}` }],
    context: { note: `Rule ${version.ruleId} · version ${version.version} · changed in chat`, timeZone: zone },
    visibility: 'public',
    tone: 'normal',
  };
}
