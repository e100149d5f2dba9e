import { didYouMean } from '../util/suggest.js';
import type { ConfigProblem } from './config-problem.js';

type Raw = Record<string, unknown>;

/**
 * Checks across sections, on the file as written (after `${VAR}` substitution), so that they
 * are reported in the same pass as the schema's problems: alerts and summaries naming sources
 * and channels that exist, unique rule ids, and rules that can fire and resolve.
 *
 * @example
 *   crossCheck({ sources: { emea: {...} }, alerts: [{ source: 'emae', ... }] });
 *   // [{ path: 'alerts[0].source', message: 'no source named "emae". Did you mean emea? ...' }]
 */
export function crossCheck(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const config = isObject(raw) ? raw : {};
  const sources = isObject(config.sources) ? Object.keys(config.sources) : [];
  const channels = isObject(config.channels) ? config.channels : {};
  const knowsChannel = (c: string) => c in channels || /^(slack:|teams:|teams-webhook:|console$)/.test(c);
  const checkSource = (name: unknown, path: string) => {
    if (typeof name !== 'string' || sources.length === 0 || sources.includes(name)) return;
    problems.push({ path, message: `no source named "${name}".${didYouMean(name, sources)} Sources: ${sources.join(', ')}` });
  };
  const checkChannel = (name: unknown, path: string) => {
    if (typeof name !== 'string' || knowsChannel(name)) return;
    const aliases = Object.keys(channels);
    problems.push({
      path,
      message: `"${name}" is neither a name under \`channels\` (${aliases.join(', ') || 'none yet'}) nor a channel reference such as "slack:C0123ABC".${didYouMean(name, aliases)}`,
    });
  };

  const ids = new Set<string>();
  listOf(config.alerts).forEach((rule, i) => {
    checkSource(rule.source, `alerts[${i}].source`);
    listOf(rule.channels, true).forEach((c, j) => checkChannel(c, `alerts[${i}].channels[${j}]`));
    if (typeof rule.id === 'string') {
      if (ids.has(rule.id)) problems.push({ path: `alerts[${i}].id`, message: `"${rule.id}" is used by an earlier rule; ids must be unique` });
      ids.add(rule.id);
    }
    problems.push(...reachability(rule, `alerts[${i}]`));
  });
  listOf(config.summaries).forEach((summary, i) => {
    listOf(summary.sources, true).forEach((name, j) => checkSource(name, `summaries[${i}].sources[${j}]`));
    checkChannel(summary.channel, `summaries[${i}].channel`);
  });
  return problems;
}

/** Metrics that are shares from 0 to 1; every metric is 0 or more. */
const SHARES = new Set(['agents.utilization', 'handoffs.rate_today']);

/** A rule whose value can never pass its threshold, or never come back past it by the hysteresis. */
function reachability(rule: Raw, path: string): ConfigProblem[] {
  const hysteresis = typeof rule.hysteresis === 'number' ? rule.hysteresis : 0;
  const max = typeof rule.metric === 'string' && SHARES.has(rule.metric) ? 1 : Infinity;
  const range = max === 1 ? 'from 0 to 1' : '0 or more';
  if (typeof rule.above === 'number') {
    if (rule.above >= max)
      return [{ path: `${path}.above`, message: `${rule.metric} is ${range}, so it is never above ${rule.above}: the rule can never fire` }];
    if (rule.above - hysteresis < 0) {
      return [
        {
          path: `${path}.above`,
          message: `it resolves only at ${rule.above} - ${hysteresis} (hysteresis) or below, and ${rule.metric} is never below 0: once firing it can never resolve; lower the hysteresis to ${rule.above} or less`,
        },
      ];
    }
  }
  if (typeof rule.below === 'number') {
    if (rule.below <= 0) return [{ path: `${path}.below`, message: `${rule.metric} is never below 0: the rule can never fire; use a threshold above 0` }];
    if (rule.below + hysteresis > max) {
      return [
        {
          path: `${path}.below`,
          message: `it resolves only at ${rule.below} + ${hysteresis} (hysteresis) or above, and ${rule.metric} is at most ${max}: once firing it can never resolve; lower the hysteresis`,
        },
      ];
    }
  }
  return [];
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): Raw[];
function listOf(value: unknown, strings: true): unknown[];
function listOf(value: unknown, strings?: true): unknown[] {
  if (!Array.isArray(value)) return [];
  return strings ? value : value.filter(isObject);
}
