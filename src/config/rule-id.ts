import type { AlertRuleConfig } from './schema.js';

/**
 * The id of a configured alert rule: its `id`, else `<metric>-<source>-<index>` (index in
 * `alerts`, from 0). The watcher, `/alerts` and the Silence buttons all name rules by it.
 *
 * @example
 *   ruleIdOf({ metric: 'queue.waiting', source: 'demo' }, 2); // "queue.waiting-demo-2"
 */
export function ruleIdOf(rule: Pick<AlertRuleConfig, 'id' | 'metric' | 'source'>, index: number): string {
  return rule.id ?? `${rule.metric}-${rule.source}-${index}`;
}
