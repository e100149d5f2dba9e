import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { rawOf } from '../../src/rules/raw-rule.js';
import { applyOverrides, checkRule, parseFieldValue, showValue } from '../../src/rules/rule-edit.js';
import { effectiveRules, undoTarget, type RuleVersion } from '../../src/rules/versions.js';

const config = configSchema.parse({
  sources: { bogota: { vendor: 'demo', timeZone: 'America/Bogota' } },
  channels: { ops: 'slack:C0OPS', leads: 'slack:C0LEADS' },
  alerts: [
    { id: 'bogota-queue', metric: 'queue.waiting', source: 'bogota', above: 10, for: '2m', repeat: '30m', channels: ['ops'] },
    { metric: 'agents.online', source: 'bogota', below: 1, channels: ['ops'] },
  ],
});
const version = (ruleId: string, overrides: Record<string, unknown>, v = 1, enabled = true): RuleVersion => ({
  ruleId,
  version: v,
  overrides,
  enabled,
  by: 'Ana',
  at: '2026-11-23T15:00:00.000Z',
  change: '',
});

describe('what a supervisor types for a field', () => {
  it('reads thresholds, durations, channel lists and active hours as the file would hold them', () => {
    expect(parseFieldValue('above', '15')).toBe(15);
    expect(parseFieldValue('above', 'ten')).toBe('ten');
    expect(parseFieldValue('for', '5M')).toBe('5m');
    expect(parseFieldValue('channels', 'ops, leads')).toEqual(['ops', 'leads']);
    expect(parseFieldValue('activeHours', 'mon-fri 8:00-18:00')).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' });
    expect(parseFieldValue('activeHours', 'fri-mon 22:00–06:00')).toEqual({ days: ['fri', 'sat', 'sun', 'mon'], from: '22:00', to: '06:00' });
    expect(parseFieldValue('activeHours', 'always')).toBeNull();
    expect(parseFieldValue('repeat', 'off')).toBeNull();
  });

  it('shows values as a supervisor writes them', () => {
    expect(showValue('for', '120000ms')).toBe('2m');
    expect(showValue('repeat', null)).toBe('off');
    expect(showValue('activeHours', undefined)).toBe('always');
    expect(showValue('channels', ['ops', 'leads'])).toBe('ops, leads');
  });
});

describe('a changed rule', () => {
  it("parses back to the file's own rule when nothing changed", () => {
    const checked = checkRule(rawOf(config.alerts[0]!), 'bogota-queue', config);
    expect(checked).toEqual({ ok: true, rule: config.alerts[0] });
  });

  it('switches direction when the other threshold is set, and drops a field set to off', () => {
    const raw = applyOverrides(rawOf(config.alerts[0]!), { below: 3, repeat: null });
    expect(raw.above).toBeUndefined();
    expect(raw.repeat).toBeUndefined();
    const checked = checkRule(raw, 'bogota-queue', config);
    expect(checked).toMatchObject({ ok: true, rule: { below: 3 } });
    expect(checked.ok && checked.rule.repeat).toBeUndefined();
  });

  it("is refused with the file's messages: rules that can never fire, unknown channels", () => {
    expect(checkRule(applyOverrides(rawOf(config.alerts[1]!), { below: 0 }), 'x', config)).toEqual({
      ok: false,
      problems: ['below: agents.online is never below 0: the rule can never fire; use a threshold above 0'],
    });
    const unknown = checkRule(applyOverrides(rawOf(config.alerts[0]!), { channels: ['opps'] }), 'x', config);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.problems[0]).toMatch(/^channels\[0\]: "opps" is neither a name under `channels`.*Did you mean ops\?/);
  });
});

describe('the rules watched', () => {
  it("are the file's with the chat's latest versions over them; a chat value wins over the file, a rule turned off is left out", () => {
    const { alerts, all } = effectiveRules(
      config,
      new Map([
        ['bogota-queue', version('bogota-queue', { above: 15 })],
        ['agents.online-bogota-1', version('agents.online-bogota-1', {}, 1, false)],
      ]),
    );
    expect(alerts.map((r) => [r.id, r.above])).toEqual([['bogota-queue', 15]]);
    expect(all.map((r) => [r.id, r.enabled, r.origin.from])).toEqual([
      ['bogota-queue', true, 'chat'],
      ['agents.online-bogota-1', false, 'chat'],
    ]);
  });

  it("fall back to the file's rule, saying why, when a chat version no longer fits the file", () => {
    const { alerts, all } = effectiveRules(config, new Map([['bogota-queue', version('bogota-queue', { channels: ['gone'] })]]));
    expect(alerts[0]).toMatchObject({ id: 'bogota-queue', channels: ['ops'] });
    expect(all[0]!.problems?.[0]).toMatch(/"gone" is neither a name/);
  });

  it('undo goes back one version, and from the first one to the file', () => {
    expect(undoTarget([])).toBeUndefined();
    expect(undoTarget([version('r', { above: 15 })])).toEqual({ overrides: {}, enabled: true });
    expect(undoTarget([version('r', { above: 15 }), version('r', { above: 20 }, 2)])).toEqual({ overrides: { above: 15 }, enabled: true });
  });
});
