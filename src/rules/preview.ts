import { DateTime } from 'luxon';
import { ALL_QUEUES, type History, type Sample } from '../history/index.js';
import { isActive } from '../watcher/model/active-hours.js';
import { evaluate } from '../watcher/evaluate/evaluate.js';
import type { WatchRule } from '../watcher/model/rules.js';
import type { AlertRecord, RuleState } from '../watcher/model/types.js';

/** One alert a rule would have posted: when it fired, and how long it lasted (absent: still firing at the end). */
export interface ReplayedAlert {
  firedAt: number;
  lastedMs?: number;
  reopens: number;
}

/** How far back a preview looks. */
export const PREVIEW_DAYS = 7;

/**
 * Replays a rule over recorded figures through the watcher's own evaluation (pending, `for`,
 * hysteresis, reopening, active hours; no silences): the alerts it would have posted. Pure.
 *
 * @example
 *   replayRule(rule, samples, 'America/Bogota').length; // 4
 */
export function replayRule(rule: WatchRule, samples: readonly Sample[], timeZone: string): ReplayedAlert[] {
  let state: RuleState = { ruleId: rule.id, seq: 0 };
  let open: AlertRecord | undefined;
  let recent: AlertRecord | undefined;
  const alerts = new Map<string, ReplayedAlert>();
  for (const sample of samples) {
    const value = sample.figures[rule.metric];
    const now = new Date(sample.at);
    const result = evaluate(rule, state, open, {
      value,
      now,
      active: isActive(rule.activeHours, now, timeZone),
      silenced: false,
      acknowledged: false,
      sourceLabel: rule.source,
      timeZone,
      recent,
    });
    state = result.state;
    const alert = result.alert;
    if (alert && !alerts.has(alert.id) && result.notices.some((n) => n.kind === 'post'))
      alerts.set(alert.id, { firedAt: Date.parse(alert.firedAt), reopens: 0 });
    const seen = alert && alerts.get(alert.id);
    if (seen && alert) {
      seen.reopens = alert.reopens ?? 0;
      if (alert.resolvedAt) seen.lastedMs = Date.parse(alert.resolvedAt) - Date.parse(alert.since);
      else delete seen.lastedMs;
    }
    if (alert?.resolvedAt) recent = alert;
    open = alert && !alert.resolvedAt ? alert : undefined;
  }
  return [...alerts.values()];
}

/** The recorded figures a rule reads, over the preview window. */
export async function samplesFor(history: History, rule: WatchRule, now: Date): Promise<Sample[]> {
  return history.range(rule.source, rule.queue ?? ALL_QUEUES, new Date(now.getTime() - PREVIEW_DAYS * 86_400_000), now);
}

export interface Preview {
  /** Polls recorded over the window (0: nothing to replay). */
  samples: number;
  before: ReplayedAlert[];
  after: ReplayedAlert[];
  /** Of `after`, those that fired today (the source's day). */
  afterToday: number;
  beforeToday: number;
}

/** The rule as it is and as it would be, replayed over the same recorded figures. */
export function previewChange(current: WatchRule, changed: WatchRule, samples: readonly Sample[], timeZone: string, now: Date): Preview {
  const startOfDay = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').toMillis();
  const before = replayRule(current, samples, timeZone);
  const after = replayRule(changed, samples, timeZone);
  const today = (list: ReplayedAlert[]) => list.filter((a) => a.firedAt >= startOfDay).length;
  return { samples: samples.length, before, after, afterToday: today(after), beforeToday: today(before) };
}
