import type { AlertRuleConfig } from '../config/schema.js';

/** A rule as the file would write it (durations as text), so it can be changed and parsed again by the schema. */
export type RawRule = Record<string, unknown>;

const DURATIONS = ['for', 'repeat', 'forecast', 'reopenWithin', 'unansweredAfter'] as const;

/**
 * The raw form of a parsed rule: what `alertRuleSchema` parses back into the same rule. Durations
 * become "120000ms"; the id is left out (ids name rules, they are not edited).
 *
 * @example
 *   rawOf(config.alerts[0]); // { metric: 'queue.waiting', source: 'bogota', above: 10, for: '120000ms', ... }
 */
export function rawOf(rule: AlertRuleConfig): RawRule {
  const { id: _id, ...rest } = rule;
  const raw: RawRule = { ...rest };
  for (const key of DURATIONS) if (typeof rest[key] === 'number') raw[key] = `${rest[key]}ms`;
  for (const [key, value] of Object.entries(raw)) if (value === undefined) delete raw[key];
  return raw;
}
