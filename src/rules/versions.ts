import type { AlertRuleConfig, Config } from '../config/schema.js';
import { ruleIdOf } from '../config/rule-id.js';
import { rawOf } from './raw-rule.js';
import { applyOverrides, checkRule, type Overrides } from './rule-edit.js';

/**
 * One version of a rule's chat changes over the file: the fields set in chat, whether the rule
 * is on, and who made this version, when and what it changed ("above 10 → 5"). Version 0 is the
 * file alone (never stored).
 */
export interface RuleVersion {
  ruleId: string;
  version: number;
  overrides: Overrides;
  enabled: boolean;
  by: string;
  at: string;
  /** What this version changed, in words: "above 10 → 5", "turned off", "undo: above 5 → 10". */
  change: string;
  /** A rule created in chat (not in the file): `overrides` is the whole rule. */
  created?: boolean;
}

/** Where a rule's current form comes from. */
export type RuleOrigin = { from: 'file' } | { from: 'chat'; by: string; at: string; version: number; fields: string[] };

export interface EffectiveRules {
  /** The rules to watch, with their ids set (the chat's changes applied, rules turned off left out). */
  alerts: AlertRuleConfig[];
  /** Every rule of the file, on or off, with its current form and origin. */
  all: Array<{ id: string; rule: AlertRuleConfig; enabled: boolean; origin: RuleOrigin; problems?: string[] }>;
}

/**
 * The file's rules with the chat's latest versions over them. A chat value wins over the file's
 * for the same field, even after the file changed; a version that no longer checks against the
 * changed file (a channel renamed, say) is set aside and the file's rule is watched, with the
 * problem shown by `/alerts rules`.
 *
 * @example
 *   const { alerts } = effectiveRules(config, await ruleStore.latest());
 */
export function effectiveRules(config: Config, latest: ReadonlyMap<string, RuleVersion>): EffectiveRules {
  const all: EffectiveRules['all'] = [];
  const alerts: AlertRuleConfig[] = [];
  config.alerts.forEach((fileRule, index) => {
    const id = ruleIdOf(fileRule, index);
    const version = latest.get(id);
    let rule: AlertRuleConfig = { ...fileRule, id };
    let origin: RuleOrigin = { from: 'file' };
    let problems: string[] | undefined;
    if (version && Object.keys(version.overrides).length > 0) {
      const checked = checkRule(applyOverrides(rawOf(fileRule), version.overrides), id, config);
      if (checked.ok) {
        rule = checked.rule;
        origin = { from: 'chat', by: version.by, at: version.at, version: version.version, fields: Object.keys(version.overrides) };
      } else problems = checked.problems;
    } else if (version) origin = { from: 'chat', by: version.by, at: version.at, version: version.version, fields: [] };
    const enabled = version?.enabled ?? true;
    all.push({ id, rule, enabled, origin, ...(problems ? { problems } : {}) });
    if (enabled) alerts.push(rule);
  });
  // Rules created in chat, after the file's: the whole rule is in the version.
  const fileIds = new Set(all.map((r) => r.id));
  for (const version of [...latest.values()].filter((v) => v.created && !fileIds.has(v.ruleId)).sort((a, b) => a.ruleId.localeCompare(b.ruleId))) {
    const checked = checkRule(applyOverrides({}, version.overrides), version.ruleId, config);
    if (!checked.ok) continue;
    const origin: RuleOrigin = { from: 'chat', by: version.by, at: version.at, version: version.version, fields: ['created in chat'] };
    all.push({ id: version.ruleId, rule: checked.rule, enabled: version.enabled, origin });
    if (version.enabled) alerts.push(checked.rule);
  }
  return { alerts, all };
}

/**
 * The version an undo returns to: the one before the latest (the file alone, version 0, when the
 * latest is the first chat version). Undefined when there is nothing to undo.
 */
export function undoTarget(history: readonly RuleVersion[]): Pick<RuleVersion, 'overrides' | 'enabled'> | undefined {
  if (history.length === 0) return undefined;
  const previous = history[history.length - 2];
  // A rule created in chat has no file to go back to: undoing its creation turns it off.
  if (!previous && history[0]!.created) return history[0]!.enabled ? { overrides: history[0]!.overrides, enabled: false } : undefined;
  return previous ? { overrides: previous.overrides, enabled: previous.enabled } : { overrides: {}, enabled: true };
}
