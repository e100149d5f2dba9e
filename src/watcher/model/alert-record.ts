import type { WatchRule } from './rules.js';
import type { AlertRecord } from './types.js';

/** The part of an alert (or early warning) that is copied from its rule and source, written once. */
export function ruleFields(
  rule: WatchRule,
  input: { sourceLabel: string; timeZone: string },
): Pick<
  AlertRecord,
  'ruleId' | 'source' | 'sourceLabel' | 'timeZone' | 'metric' | 'queue' | 'severity' | 'direction' | 'threshold' | 'hysteresis' | 'channels'
> {
  return {
    ruleId: rule.id,
    source: rule.source,
    sourceLabel: input.sourceLabel,
    timeZone: input.timeZone,
    metric: rule.metric,
    queue: rule.queue,
    severity: rule.severity,
    direction: rule.direction,
    threshold: rule.threshold,
    hysteresis: rule.hysteresis,
    channels: rule.channels,
  };
}
