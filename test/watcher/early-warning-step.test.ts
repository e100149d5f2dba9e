import { describe, expect, it } from 'vitest';
import { forecastStep, type ForecastInput } from '../../src/watcher/early-warning.js';
import type { WatchRule } from '../../src/watcher/rules.js';
import type { AlertRecord, RuleState } from '../../src/watcher/types.js';

const T0 = Date.parse('2026-11-23T14:00:00.000Z');
const rule: WatchRule = { id: 'sales', metric: 'queue.waiting', source: 'emea', queue: 'Sales', direction: 'above', threshold: 10, forMs: 0, severity: 'warning', channels: ['console'], hysteresis: 0, unansweredAfterMs: 300_000, forecastMs: 900_000 };

/** Polls one a minute; returns the notices said at each. */
function run(values: number[], at: (i: number) => Partial<ForecastInput> = () => ({})) {
  let state: RuleState = { ruleId: rule.id, seq: 0 };
  let open: AlertRecord | undefined;
  const said: string[] = [];
  values.forEach((value, i) => {
    const step = forecastStep(rule, state, open, { value, now: new Date(T0 + i * 60_000), active: true, silenced: false, alert: undefined, alertJustFired: false, sourceLabel: 'EMEA', timeZone: 'Europe/London', ...at(i) });
    state = step.state;
    open = step.warning && !step.warning.resolvedAt ? step.warning : undefined;
    for (const n of step.notices) said.push(`${i}:${n.kind}${step.warning?.endReason ? `:${step.warning.endReason}` : ''}`);
  });
  return { said, state };
}

describe('early warning step', () => {
  it('keeps at most 20 points per rule', () => {
    expect(run(Array.from({ length: 30 }, () => 1)).state.recent).toHaveLength(20);
  });

  it('posts nothing while the rule is silenced, and warns once the silence is over', () => {
    const { said } = run([1, 2, 3, 4, 5], (i) => ({ silenced: i < 4 }));
    expect(said).toEqual(['4:post']);
  });

  it('ends an open warning in place when the rule leaves its active hours', () => {
    const { said } = run([1, 2, 3, 4, 5], (i) => ({ active: i < 4 }));
    expect(said).toEqual(['3:post', '4:update:inactive']);
  });
});
