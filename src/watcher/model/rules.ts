import type { ActiveHours, Config, MetricName } from '../../config/schema.js';
import type { Severity } from './types.js';
import { ruleIdOf } from '../../config/rule-id.js';

/** A configured rule with its id, channel references and mention worked out. */
export interface WatchRule {
  id: string;
  metric: MetricName;
  source: string;
  queue?: string;
  direction: 'above' | 'below';
  threshold: number;
  forMs: number;
  severity: Severity;
  /** Channel references, aliases resolved, duplicates removed. */
  channels: string[];
  mention?: string;
  activeHours?: ActiveHours;
  repeatMs?: number;
  hysteresis: number;
  unansweredAfterMs: number;
  /** Early warning horizon: warn when the trend crosses the threshold within this long. */
  forecastMs?: number;
  /** A breach this soon after the rule's alert recovered reopens that alert (default 5 min; 0: never). */
  reopenWithinMs?: number;
}

/** A rule that cannot be watched, and why (logged once at start). */
export interface RuleProblem {
  ruleId: string;
  message: string;
}

const CHANNEL_REF = /^(slack:[A-Z0-9]+|teams:.+|teams-webhook:https:\/\/.+|console)$/;

/**
 * Turns `config.alerts` into rules the watcher evaluates. Channel names are looked up in
 * `config.channels` (a name that is neither an alias nor a reference is a problem); critical
 * alerts mention `@here` unless the rule says otherwise. Rules on unknown sources are left out
 * with a problem, so one typo does not stop the others.
 *
 * @example
 *   const { rules, problems } = resolveRules(config);
 */
export function resolveRules(
  config: Config,
  knownSources: ReadonlySet<string> = new Set(Object.keys(config.sources)),
): { rules: WatchRule[]; problems: RuleProblem[] } {
  const rules: WatchRule[] = [];
  const problems: RuleProblem[] = [];
  config.alerts.forEach((rule, index) => {
    const id = ruleIdOf(rule, index);
    if (!knownSources.has(rule.source)) {
      problems.push({ ruleId: id, message: `rule ${id} watches source "${rule.source}", which is not configured; it is skipped` });
      return;
    }
    const channels: string[] = [];
    for (const name of rule.channels) {
      const ref = resolveChannel(config, name);
      if (!ref)
        problems.push({ ruleId: id, message: `rule ${id}: channel "${name}" is neither a name from \`channels\` nor a channel reference; it is skipped` });
      else if (!channels.includes(ref)) channels.push(ref);
    }
    if (channels.length === 0) {
      problems.push({ ruleId: id, message: `rule ${id} has no usable channel; it is skipped` });
      return;
    }
    if (rule.queue && !rule.metric.startsWith('queue.')) {
      problems.push({ ruleId: id, message: `rule ${id}: "queue" applies to queue.* metrics only; ${rule.metric} is watched for the whole source` });
    }
    const direction = rule.above !== undefined ? 'above' : 'below';
    rules.push({
      id,
      metric: rule.metric,
      source: rule.source,
      queue: rule.metric.startsWith('queue.') ? rule.queue : undefined,
      direction,
      threshold: (direction === 'above' ? rule.above : rule.below) as number,
      forMs: rule.for,
      severity: rule.severity,
      channels,
      mention: rule.mention ?? (rule.severity === 'critical' ? '@here' : undefined),
      activeHours: rule.activeHours,
      repeatMs: rule.repeat,
      hysteresis: rule.hysteresis,
      unansweredAfterMs: rule.unansweredAfter,
      ...(rule.forecast ? { forecastMs: rule.forecast } : {}),
      reopenWithinMs: rule.reopenWithin,
    });
  });
  return { rules, problems };
}

/** A channel name from configuration as a reference: an alias from `channels`, or a reference written out. */
export function resolveChannel(config: Pick<Config, 'channels'>, name: string): string | undefined {
  const aliased = config.channels[name];
  if (aliased) return aliased;
  return CHANNEL_REF.test(name) ? name : undefined;
}

/**
 * The key of the series a rule watches in a poll's snapshot: metric, queue (case-insensitive)
 * and, for unanswered chats, the age that counts as unanswered.
 *
 * @example
 *   seriesKey({ metric: 'queue.waiting', queue: 'Sales' }); // "queue.waiting|sales"
 */
export function seriesKey(rule: Pick<WatchRule, 'metric' | 'queue' | 'unansweredAfterMs'>): string {
  if (rule.metric === 'chats.unanswered') return `${rule.metric}|${rule.unansweredAfterMs}`;
  return `${rule.metric}|${rule.queue?.toLowerCase() ?? ''}`;
}
