import type { EvaluationResult, Notice } from './evaluate.js';
import type { WatchRule } from '../model/rules.js';
import type { AlertRecord, RuleState } from '../model/types.js';

/** Polls in a row that read nothing at all from a source before it is an alert of its own. */
export const NO_FIGURES_POLLS = 3;

/** The state and alert ids of a source's "no figures" alert: `figures:<source>`. */
export function figuresRuleId(source: string): string {
  return `figures:${source}`;
}

export interface FiguresInput {
  /** At least one of the source's rules got a value on this poll. */
  read: boolean;
  /** Something failed on this poll (the vendor did not answer, answered stale, or refused). */
  failed: boolean;
  now: Date;
  source: string;
  sourceLabel: string;
  timeZone: string;
  /** The source's rules: their channels are told. */
  rules: readonly WatchRule[];
}

/**
 * A source that cannot be read for `NO_FIGURES_POLLS` polls in a row is an alert of its own
 * ("EMEA: no figures since 11:02"): posted once, without a mention, and resolved (its message
 * edited, a thread line) at the first poll that reads a figure again. Pure, like `evaluate`.
 *
 * @example
 *   const step = sourceFiguresStep(state, open, { read: false, failed: true, now, source: 'emea', sourceLabel: 'EMEA', timeZone, rules });
 */
export function sourceFiguresStep(previous: RuleState, open: AlertRecord | undefined, input: FiguresInput): EvaluationResult {
  const nowIso = input.now.toISOString();
  if (input.read) {
    if (open) {
      const alert: AlertRecord = { ...open, resolvedAt: nowIso, endReason: 'recovered' };
      const notices: Notice[] = open.channels.flatMap((channel): Notice[] => [
        { kind: 'update', channel },
        { kind: 'resolved-note', channel },
      ]);
      return { state: { ruleId: previous.ruleId, seq: previous.seq }, alert, notices, changed: true };
    }
    if (previous.missed === undefined) return { state: previous, notices: [], changed: false };
    return { state: { ruleId: previous.ruleId, seq: previous.seq }, notices: [], changed: true };
  }
  if (!input.failed) return { state: previous, alert: open, notices: [], changed: false };
  const missed = (previous.missed ?? 0) + 1;
  const missingSince = previous.missingSince ?? nowIso;
  const state: RuleState = { ...previous, missed, missingSince };
  if (open) {
    const alert: AlertRecord = { ...open, value: missed, peak: missed };
    return { state, alert, notices: [], changed: true };
  }
  if (missed < NO_FIGURES_POLLS || input.rules.length === 0) return { state, notices: [], changed: true };
  const channels = [...new Set(input.rules.flatMap((r) => r.channels))];
  const first = input.rules[0]!;
  const seq = previous.seq + 1;
  const alert: AlertRecord = {
    id: `${previous.ruleId}:${seq}`,
    kind: 'no-figures',
    ruleId: previous.ruleId,
    source: input.source,
    sourceLabel: input.sourceLabel,
    timeZone: input.timeZone,
    metric: first.metric,
    severity: 'warning',
    direction: 'above',
    threshold: NO_FIGURES_POLLS - 1,
    hysteresis: 0,
    channels,
    value: missed,
    peak: missed,
    since: missingSince,
    firedAt: nowIso,
    posted: true,
    lastReminderAt: nowIso,
  };
  return { state: { ...state, alertId: alert.id, seq }, alert, notices: channels.map((channel) => ({ kind: 'post', channel })), changed: true };
}
