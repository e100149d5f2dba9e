import { describe, expect, it } from 'vitest';
import { EMBEDDED_CONFIG_TEXT, parseConfigText } from '../../src/config/load.js';
import { evaluate } from '../../src/watcher/evaluate/evaluate.js';
import { agentsMetric } from '../../src/watcher/poll/metric-values.js';
import { resolveRules, type WatchRule } from '../../src/watcher/model/rules.js';
import { isActive } from '../../src/watcher/model/active-hours.js';
import type { AlertRecord, RuleState } from '../../src/watcher/model/types.js';
import { demoAt } from './clock.js';

/** Polls a rule on agent figures once a minute over a demo day; for each post, how many agents were online then. */
async function postsOverADay(rule: WatchRule, day: string): Promise<Array<{ at: string; online: number }>> {
  const { demo, setClock } = demoAt(`${day}T00:00`);
  let state: RuleState = { ruleId: rule.id, seq: 0 };
  let open: AlertRecord | undefined;
  const posts: Array<{ at: string; online: number }> = [];
  for (let minute = 0; minute < 24 * 60; minute++) {
    const local = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    setClock(local);
    const agents = (await demo.agents()).filter(Boolean);
    const now = new Date(`${local}:00-05:00`);
    const result = evaluate(rule, state, open, {
      value: agentsMetric(agents, rule.metric),
      now,
      active: isActive(rule.activeHours, now, 'America/Bogota'),
      silenced: false,
      acknowledged: false,
      sourceLabel: 'Demo',
      timeZone: 'America/Bogota',
    });
    state = result.state;
    open = result.alert && !result.alert.resolvedAt ? result.alert : undefined;
    if (result.notices.some((n) => n.kind === 'post')) posts.push({ at: local, online: agentsMetric(agents, 'agents.online') ?? 0 });
  }
  return posts;
}

describe("the demo's rules measure what their names say", () => {
  const { rules } = resolveRules(parseConfigText(EMBEDDED_CONFIG_TEXT, {}).config);
  const critical = rules.filter((r) => r.severity === 'critical');

  it('its critical "no agents" alert never fires while agents are online (busy or not) on a busy Monday', async () => {
    expect(critical.map((r) => r.id)).toEqual(['no-agents-online']);
    const posts = await postsOverADay(critical[0]!, '2024-03-18');
    expect(posts.filter((p) => p.online > 0)).toEqual([]);
  });

  it('the rule it replaces, "no agents available" on the free-agent count, fired at the busy hour with the floor full of busy agents', async () => {
    const old: WatchRule = { ...critical[0]!, id: 'no-agents', metric: 'agents.available' };
    const posts = await postsOverADay(old, '2024-03-18');
    expect(posts.filter((p) => p.online > 0).length).toBeGreaterThan(0);
  });
});
