import { describe, expect, it } from 'vitest';
import { handoffRange } from '../../commands/handoffs.js';

describe("the /handoffs ranges, in the operation's own calendar", () => {
  // 23:30 on 20 Nov in Bogotá is already 21 Nov in UTC: the local day must win.
  const lateEvening = new Date('2026-11-21T04:30:00Z');

  it('reads "today" as the local day, whole, so its cache key holds all day', () => {
    expect(handoffRange('today', lateEvening, 'America/Bogota')).toEqual({ from: '2026-11-20T05:00:00.000Z', to: '2026-11-21T04:59:59.999Z', label: 'today' });
  });

  it('reads "yesterday" as the local day before', () => {
    expect(handoffRange('yesterday', lateEvening, 'America/Bogota')).toEqual({
      from: '2026-11-19T05:00:00.000Z',
      to: '2026-11-20T04:59:59.999Z',
      label: 'yesterday',
    });
  });

  it('reads "7d" as today and the six local days before', () => {
    expect(handoffRange('7d', lateEvening, 'Europe/Budapest')).toEqual({
      from: '2026-11-14T23:00:00.000Z',
      to: '2026-11-21T22:59:59.999Z',
      label: 'last 7 days',
    });
  });

  it('keeps a local day whole across a daylight-saving change', () => {
    const range = handoffRange('yesterday', new Date('2026-03-30T10:00:00Z'), 'Europe/Budapest');
    expect(range).toMatchObject({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T21:59:59.999Z' });
  });
});
