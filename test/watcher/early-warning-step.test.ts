import { describe, expect, it } from 'vitest';
import { forecastStep, pastDaysOf, type ForecastInput } from '../../src/watcher/evaluate/early-warning.js';
import type { WatchRule } from '../../src/watcher/model/rules.js';
import type { AlertRecord, RuleState } from '../../src/watcher/model/types.js';

const T0 = Date.parse('2026-11-23T14:00:00.000Z');
const rule: WatchRule = {
  id: 'sales',
  metric: 'queue.waiting',
  source: 'emea',
  queue: 'Sales',
  direction: 'above',
  threshold: 10,
  forMs: 0,
  severity: 'warning',
  channels: ['console'],
  hysteresis: 0,
  unansweredAfterMs: 300_000,
  forecastMs: 900_000,
};

/** Polls one a minute; returns the notices said at each. */
function run(values: number[], at: (i: number) => Partial<ForecastInput> = () => ({}), start: RuleState = { ruleId: rule.id, seq: 0 }) {
  let state: RuleState = start;
  let open: AlertRecord | undefined;
  const said: string[] = [];
  values.forEach((value, i) => {
    const step = forecastStep(rule, state, open, {
      value,
      now: new Date(T0 + i * 60_000),
      active: true,
      silenced: false,
      alert: undefined,
      alertJustFired: false,
      sourceLabel: 'EMEA',
      timeZone: 'Europe/London',
      ...at(i),
    });
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

  it("stays quiet in the first minutes after the rule's alert recovered (a breach then reopens that alert), and warns after", () => {
    const rising = [1, 2, 3, 4, 5, 6, 7, 8];
    const posts = (said: string[]) => said.filter((s) => s.endsWith(':post'));
    expect(posts(run(rising).said)).toEqual(['3:post']);
    // The same climb when the alert had recovered at the third poll: no warning for 4 minutes after.
    const recovered: RuleState = { ruleId: rule.id, seq: 1, lastAlertId: 'sales:1', lastResolvedAt: new Date(T0 + 2 * 60_000).toISOString() };
    expect(posts(run(rising, () => ({}), recovered).said)).toEqual(['6:post']);
  });

  it('does not warn of a rise at an hour the figure was calm on most past days, and does at the usual busy hour', () => {
    const rising = [1, 2, 3, 4, 5, 6];
    const posts = (said: string[]) => said.filter((s) => s.endsWith(':post'));
    expect(run(rising, () => ({ pastDays: { days: 7, breached: 1 } })).said).toEqual([]);
    expect(posts(run(rising, () => ({ pastDays: { days: 7, breached: 5 } })).said)).toEqual(['3:post']);
    // A new install with no past days in history warns on the trend alone.
    expect(posts(run(rising, () => ({ pastDays: { days: 0, breached: 0 } })).said)).toEqual(['3:post']);
  });

  it('counts the past days history holds, and those on which the figure passed the threshold', () => {
    const at = T0;
    expect(
      pastDaysOf(rule, [
        [
          { at, value: 3 },
          { at, value: 12 },
        ],
        [],
        [{ at, value: 9 }],
        [
          { at, value: 10 },
          { at, value: 11 },
        ],
      ]),
    ).toEqual({ days: 3, breached: 2 });
  });
});
