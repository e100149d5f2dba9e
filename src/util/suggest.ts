import { translate, type Translate } from '../i18n/messages.js';
import { distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped word most likely meant: within one edit for short words, two for
 * longer ones, or the only candidate the word begins. Undefined when nothing is close.
 *
 * @example
 *   nearest('queu', ['queue', 'agents']); // "queue"
 *   nearest('bogot', ['bogota', 'emea']); // "bogota"
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  if (typed === '') return undefined;
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    // Two letters swapped ("dmeo") is one slip, not two.
    const d = swapsInto(typed, lower) ? 1 : distance(typed, lower);
    if (d > 0 && d <= allowed && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  const prefixed = typed.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(typed)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** " Did you mean bogota?" (with a leading space), or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], prefix = '', t: Translate = translate('en')): string {
  const match = nearest(word, candidates);
  return match === undefined ? '' : t('common.didYouMean', { word: `${prefix}${match}` });
}

/** True when swapping two neighbouring letters of `a` gives `b`. */
function swapsInto(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const i = [...a].findIndex((ch, k) => ch !== b[k]);
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
