import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/watcher/evaluate/evaluate.js';
import type { WatchRule } from '../../src/watcher/model/rules.js';
import type { AlertRecord, RuleState } from '../../src/watcher/model/types.js';

const T0 = Date.parse('2026-11-23T14:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function rule(overrides: Partial<WatchRule> = {}): WatchRule {
  return {
    id: 'queue-long',
    metric: 'queue.waiting',
    source: 'emea',
    direction: 'above',
    threshold: 10,
    forMs: 0,
    severity: 'warning',
    channels: ['slack:C1', 'console'],
    hysteresis: 0,
    unansweredAfterMs: 300_000,
    ...overrides,
  };
}

/** Feeds values one poll at a time, as the engine would, and records what was said. */
function run(r: WatchRule, polls: Array<{ s: number; value: number | undefined } & Partial<EvaluationInput>>) {
  let state: RuleState = { ruleId: r.id, seq: 0 };
  let open: AlertRecord | undefined;
  // The rule's last resolved alert, as the engine reads it back from the store by `state.lastAlertId`.
  let recent: AlertRecord | undefined;
  const said: Array<{ s: number; kind: string; channel: string; mention?: string }> = [];
  const alerts: AlertRecord[] = [];
  for (const poll of polls) {
    const result = evaluate(r, state, open, {
      active: true,
      silenced: false,
      acknowledged: false,
      sourceLabel: 'EMEA',
      timeZone: 'Europe/London',
      recent,
      ...poll,
      now: at(poll.s),
    });
    state = result.state;
    if (result.alert && result.alert !== open) alerts.push(result.alert);
    if (result.alert?.resolvedAt) recent = result.alert;
    open = result.alert && !result.alert.resolvedAt ? result.alert : undefined;
    for (const n of result.notices)
      said.push({ s: poll.s, kind: n.kind, channel: n.channel, ...(n.kind === 'post' && n.mention ? { mention: n.mention } : {}) });
  }
  return { said, alerts, state, open };
}

describe('rule evaluation', () => {
  it('fires at the first poll where the value has stayed above the threshold for the `for` time, and not before', () => {
    const { said } = run(rule({ forMs: 120_000 }), [
      { s: 0, value: 12 },
      { s: 60, value: 14 },
      { s: 119, value: 13 },
      { s: 120, value: 13 },
      { s: 180, value: 15 },
    ]);
    expect(said.filter((n) => n.kind === 'post')).toEqual([
      { s: 120, kind: 'post', channel: 'slack:C1' },
      { s: 120, kind: 'post', channel: 'console' },
    ]);
  });

  it('forgets a pending condition that stopped holding before `for` ran out', () => {
    const { said } = run(rule({ forMs: 120_000 }), [
      { s: 0, value: 12 },
      { s: 60, value: 9 },
      { s: 120, value: 12 },
      { s: 200, value: 12 },
    ]);
    expect(said).toEqual([]);
  });

  it('resolves with an in-place update and a thread reply per channel, reporting the peak', () => {
    const { said, alerts } = run(rule(), [
      { s: 0, value: 11 },
      { s: 60, value: 18 },
      { s: 120, value: 4 },
    ]);
    expect(said.filter((n) => n.s === 120).map((n) => `${n.kind} ${n.channel}`)).toEqual([
      'update slack:C1',
      'resolved-note slack:C1',
      'update console',
      'resolved-note console',
    ]);
    const resolved = alerts.at(-1)!;
    expect(resolved).toMatchObject({ peak: 18, value: 4, resolvedAt: at(120).toISOString(), endReason: 'recovered', since: at(0).toISOString() });
  });

  it('does not flap around the threshold: with hysteresis 2 above 10 it resolves only at 8 or lower', () => {
    const { said } = run(rule({ hysteresis: 2 }), [
      { s: 0, value: 11 },
      { s: 60, value: 10 },
      { s: 120, value: 11 },
      { s: 180, value: 9 },
      { s: 240, value: 12 },
      { s: 300, value: 8 },
    ]);
    expect(said.filter((n) => n.channel === 'console').map((n) => `${n.s} ${n.kind}`)).toEqual(['0 post', '300 update', '300 resolved-note']);
  });

  it('for a `below` rule, resolves once the value is back at the threshold plus hysteresis', () => {
    const r = rule({ metric: 'agents.online', direction: 'below', threshold: 1, channels: ['console'] });
    const { said } = run(r, [
      { s: 0, value: 0 },
      { s: 60, value: 1 },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['0 post', '60 update', '60 resolved-note']);
  });

  it('gives each incident of a rule its own alert id: a breach after the reopen window is a new alert', () => {
    const { alerts, said } = run(rule({ channels: ['console'] }), [
      { s: 0, value: 11 },
      { s: 60, value: 1 },
      { s: 361, value: 11 },
    ]);
    expect(alerts.map((a) => a.id)).toEqual(['queue-long:1', 'queue-long:1', 'queue-long:2']);
    expect(said.filter((n) => n.kind === 'post').map((n) => n.s)).toEqual([0, 361]);
  });

  it('a saw-tooth around the threshold is one incident: one post, then the same message edited and a thread line each time it fires again', () => {
    // 9 -> 1 -> 9 -> 1 -> 9 around a threshold of 5, within three minutes.
    const { alerts, said } = run(rule({ threshold: 5, channels: ['slack:C1'], mention: '@here' }), [
      { s: 0, value: 9 },
      { s: 45, value: 1 },
      { s: 90, value: 9 },
      { s: 135, value: 1 },
      { s: 180, value: 9 },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}${n.mention ? ` ${n.mention}` : ''}`)).toEqual([
      '0 post @here',
      '45 update',
      '45 resolved-note',
      '90 update',
      '90 reopened-note',
      '135 update',
      '135 resolved-note',
      // The fourth change of state in the last polls: flapping is shown on the message, thread lines wait.
      '180 update',
    ]);
    expect(new Set(alerts.map((a) => a.id))).toEqual(new Set(['queue-long:1']));
    expect(alerts.at(-1)).toMatchObject({ reopens: 2, flapping: true });
    expect(alerts.at(-1)!.resolvedAt).toBeUndefined();
  });

  it('reopenWithin 0 restores a new post for every breach', () => {
    const { said } = run(rule({ threshold: 5, channels: ['console'], reopenWithinMs: 0 }), [
      { s: 0, value: 9 },
      { s: 45, value: 1 },
      { s: 90, value: 9 },
    ]);
    expect(said.filter((n) => n.kind === 'post').map((n) => n.s)).toEqual([0, 90]);
  });

  it('a rule that keeps flapping past the reopen window posts anew without its mention, then mentions again once steady', () => {
    const polls: Array<{ s: number; value: number }> = [];
    // Two polls above, three below, for an hour; each breach comes after the 1-minute reopen window.
    for (let s = 0; s < 3_600; s += 60) polls.push({ s, value: (s / 60) % 5 < 2 ? 9 : 1 });
    for (let s = 3_600; s < 6_000; s += 60) polls.push({ s, value: 1 });
    polls.push({ s: 6_000, value: 9 });
    const { said } = run(rule({ threshold: 5, channels: ['slack:C1'], mention: '@here', reopenWithinMs: 60_000 }), polls);
    const posts = said.filter((n) => n.kind === 'post');
    expect(posts.slice(0, 2)).toEqual([
      { s: 0, kind: 'post', channel: 'slack:C1', mention: '@here' },
      { s: 300, kind: 'post', channel: 'slack:C1', mention: '@here' },
    ]);
    const whileFlapping = posts.filter((p) => p.s >= 600 && p.s < 3_600);
    expect(whileFlapping.length).toBe(10);
    expect(whileFlapping.every((p) => p.mention === undefined)).toBe(true);
    expect(posts.at(-1)).toEqual({ s: 6_000, kind: 'post', channel: 'slack:C1', mention: '@here' });
  });

  it("missing figures never resolve an alert; after two missed polls the message says since when, and the figure's return is shown", () => {
    const { said, alerts } = run(rule({ channels: ['console'] }), [
      { s: 0, value: 12 },
      { s: 60, value: undefined },
      { s: 120, value: undefined },
      { s: 180, value: undefined },
      { s: 240, value: 13 },
      { s: 300, value: 2 },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['0 post', '120 update', '240 update', '300 update', '300 resolved-note']);
    expect(alerts.find((a) => a.missingSince)).toMatchObject({ missingSince: at(60).toISOString(), value: 12 });
    expect(alerts.at(-1)).toMatchObject({ endReason: 'recovered' });
    expect(alerts.at(-1)!.missingSince).toBeUndefined();
  });

  it('reminds in the thread every `repeat` while it keeps firing, and stops once acknowledged', () => {
    const { said } = run(rule({ repeatMs: 600_000, channels: ['console'] }), [
      { s: 0, value: 11 },
      { s: 300, value: 12 },
      { s: 600, value: 12 },
      { s: 900, value: 13 },
      { s: 1200, value: 13 },
      { s: 1800, value: 13, acknowledged: true },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['0 post', '600 reminder', '1200 reminder']);
  });

  it('posts nothing while silenced, and posts once the silence is over if it still fires', () => {
    const { said } = run(rule({ channels: ['console'] }), [
      { s: 0, value: 11, silenced: true },
      { s: 60, value: 12, silenced: true },
      { s: 120, value: 12, silenced: false },
      { s: 180, value: 12 },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['120 post']);
  });

  it('ends silently when an alert fired and resolved entirely within a silence', () => {
    const { said, alerts } = run(rule({ channels: ['console'] }), [
      { s: 0, value: 11, silenced: true },
      { s: 60, value: 2, silenced: true },
    ]);
    expect(said).toEqual([]);
    expect(alerts.at(-1)).toMatchObject({ posted: false, endReason: 'recovered' });
  });

  it('outside active hours posts nothing and forgets a pending condition', () => {
    const r = rule({ forMs: 120_000, channels: ['console'] });
    const { said } = run(r, [
      { s: 0, value: 12 },
      { s: 60, value: 12, active: false },
      { s: 120, value: 12, active: false },
      { s: 180, value: 12 },
      { s: 240, value: 12 },
      { s: 300, value: 12 },
    ]);
    // Pending starts again at 180 after the inactive stretch, so it fires at 300, not at 120.
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['300 post']);
  });

  it('when active hours end, a firing alert is closed by updating its message, without a thread reply', () => {
    const { said, alerts } = run(rule({ channels: ['console'] }), [
      { s: 0, value: 12 },
      { s: 60, value: 12, active: false },
      { s: 120, value: 12, active: false },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['0 post', '60 update']);
    expect(alerts.at(-1)).toMatchObject({ endReason: 'inactive' });
  });

  it('a poll without a value changes nothing', () => {
    const r = rule({ forMs: 60_000, channels: ['console'] });
    const { said } = run(r, [
      { s: 0, value: 12 },
      { s: 30, value: undefined },
      { s: 60, value: 12 },
    ]);
    expect(said.map((n) => `${n.s} ${n.kind}`)).toEqual(['60 post']);
  });
});
