import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { isActive } from '../../src/watcher/model/active-hours.js';
import { resolveRules } from '../../src/watcher/model/rules.js';

const sources = {
  bogota: { vendor: 'demo', timeZone: 'America/Bogota' },
};

function resolve(alerts: unknown[], channels: Record<string, string> = { ops: 'slack:C0OPS', terminal: 'console' }) {
  return resolveRules(configSchema.parse({ sources, channels, alerts }));
}

describe('rules from configuration', () => {
  it('resolves channel aliases, keeps written-out references and drops duplicates', () => {
    const { rules, problems } = resolve([{ metric: 'queue.waiting', source: 'bogota', above: 5, channels: ['ops', 'slack:C0OPS', 'console', 'terminal'] }]);
    expect(problems).toEqual([]);
    expect(rules[0]!.channels).toEqual(['slack:C0OPS', 'console']);
  });

  it('names a rule without id after its metric, source and position, as /alerts does', () => {
    const { rules } = resolve([
      { id: 'first', metric: 'queue.waiting', source: 'bogota', above: 5, channels: ['ops'] },
      { metric: 'agents.online', source: 'bogota', below: 1, channels: ['ops'] },
    ]);
    expect(rules.map((r) => r.id)).toEqual(['first', 'agents.online-bogota-1']);
  });

  it('mentions @here for critical rules unless the rule names someone', () => {
    const { rules } = resolve([
      { id: 'a', metric: 'agents.online', source: 'bogota', below: 1, severity: 'critical', channels: ['ops'] },
      { id: 'b', metric: 'agents.online', source: 'bogota', below: 1, severity: 'critical', mention: 'S0123ABCD', channels: ['ops'] },
      { id: 'c', metric: 'queue.waiting', source: 'bogota', above: 5, channels: ['ops'] },
    ]);
    expect(rules.map((r) => r.mention)).toEqual(['@here', 'S0123ABCD', undefined]);
  });

  it('reports an unknown channel name and a rule on an unknown source instead of failing', () => {
    const { rules, problems } = resolve([
      { id: 'typo', metric: 'queue.waiting', source: 'bogota', above: 5, channels: ['opps'] },
      { id: 'nowhere', metric: 'queue.waiting', source: 'lima', above: 5, channels: ['ops'] },
      { id: 'fine', metric: 'queue.waiting', source: 'bogota', above: 5, channels: ['ops'] },
    ]);
    expect(rules.map((r) => r.id)).toEqual(['fine']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/channel "opps" is neither/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/source "lima", which is not configured/);
  });
});

describe('active hours', () => {
  const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>, from: '08:00', to: '18:00' };

  it('are read in the source time zone: 07:59 in Bogotá is outside, 08:00 inside', () => {
    // Monday 23 Nov 2026; Bogotá is UTC-5.
    expect(isActive(weekdays, new Date('2026-11-23T12:59:00Z'), 'America/Bogota')).toBe(false);
    expect(isActive(weekdays, new Date('2026-11-23T13:00:00Z'), 'America/Bogota')).toBe(true);
  });

  it('include the whole last minute and exclude the days not listed', () => {
    expect(isActive(weekdays, new Date('2026-11-23T23:00:59Z'), 'America/Bogota')).toBe(true);
    expect(isActive(weekdays, new Date('2026-11-23T23:01:00Z'), 'America/Bogota')).toBe(false);
    expect(isActive(weekdays, new Date('2026-11-28T15:00:00Z'), 'America/Bogota')).toBe(false); // Saturday
  });

  it('honour their own time zone over the source one', () => {
    const london = { ...weekdays, timeZone: 'Europe/London' };
    expect(isActive(london, new Date('2026-11-23T08:30:00Z'), 'America/Bogota')).toBe(true);
  });

  it('cross midnight as one shift belonging to the day it starts', () => {
    const nights = { days: ['fri'] as Array<'fri'>, from: '22:00', to: '06:00', timeZone: 'UTC' };
    expect(isActive(nights, new Date('2026-11-27T23:00:00Z'), 'UTC')).toBe(true); // Friday night
    expect(isActive(nights, new Date('2026-11-28T05:00:00Z'), 'UTC')).toBe(true); // Saturday early, Friday's shift
    expect(isActive(nights, new Date('2026-11-28T23:00:00Z'), 'UTC')).toBe(false); // Saturday night
  });
});
