import { describe, expect, it } from 'vitest';
import type { AgentStatus, DayStats } from '../../src/domain/types.js';
import { createMemoryHistory } from '../../src/history/index.js';
import { buildFloorBoard } from '../../src/wallboard/build-floor.js';
import type { SourceSnapshot } from '../../src/watcher/poll/poll-source.js';
import type { WatchRule } from '../../src/watcher/model/rules.js';
import type { AlertRecord } from '../../src/watcher/model/types.js';

const at = new Date('2026-12-01T15:30:00Z'); // 10:30 in Bogotá
const rule = (over: Partial<WatchRule>): WatchRule => ({
  id: 'r',
  metric: 'queue.waiting',
  source: 'bogota',
  direction: 'above',
  threshold: 5,
  forMs: 0,
  severity: 'warning',
  channels: ['console'],
  hysteresis: 0,
  unansweredAfterMs: 0,
  ...over,
});
const snapshot: SourceSnapshot = {
  source: 'bogota',
  at,
  values: new Map([['agents.online|', 0]]),
  failures: [],
  read: ['queue'],
  dataAsOf: at.toISOString(),
  queue: {
    queues: [
      { name: 'Ventas', waiting: 9, longestWaitSeconds: 300 },
      { name: 'Soporte', waiting: 2, longestWaitSeconds: 20 },
    ],
    totals: { waiting: 11 },
  },
};
const agents: AgentStatus[] = [
  { id: '1', name: 'Ana', state: 'available', stateLabel: 'Available', maxChats: 2 },
  { id: '2', name: 'Luis', state: 'busy', stateLabel: 'Busy', maxChats: 2 },
  { id: '3', name: 'Eva', state: 'away', stateLabel: 'Break' },
];
const day: DayStats = {
  date: '2026-12-01',
  chats: 120,
  averageChatSeconds: 300,
  slaRate: 0.82,
  chatsByHour: Array.from({ length: 24 }, (_, h) => (h === 9 || h === 10 ? 40 : 0)),
};

describe('a source’s board', () => {
  it('colours each tile by the rules on it and the alerts open on it, the totals by source-wide rules, and keeps no agent name', async () => {
    const history = createMemoryHistory();
    for (const [minutes, waiting] of [
      [50, 1],
      [30, 4],
      [10, 7],
    ] as const)
      await history.record('bogota', 'Ventas', new Date(at.getTime() - minutes * 60_000), { 'queue.waiting': waiting });
    const open = [
      { source: 'bogota', severity: 'critical', metric: 'agents.online', value: 0, threshold: 1, direction: 'below', firedAt: at.toISOString() } as AlertRecord,
    ];
    const board = await buildFloorBoard({
      source: {
        id: 'bogota',
        label: 'Bogotá',
        vendor: 'wolkvox',
        timeZone: 'America/Bogota',
        cachedAgents: async () => ({ value: agents, asOf: at.toISOString(), stale: false }),
        cachedToday: async () => ({ value: day, asOf: at.toISOString(), stale: false }),
      },
      snapshot,
      rules: [
        rule({ queue: 'ventas' }),
        rule({ id: 'online', metric: 'agents.online', direction: 'below', threshold: 1, severity: 'critical' }),
        rule({ source: 'other' }),
      ],
      openAlerts: open,
      history,
      publishedAt: 1,
    });
    const byName = Object.fromEntries(board.tiles.map((t) => [t.name, t]));
    expect(board.tiles.map((t) => t.name)).toEqual(['Bogotá', 'Ventas', 'Soporte']);
    expect(byName.Ventas).toMatchObject({ status: 'warning', targets: [{ metric: 'queue.waiting', threshold: 5, breaching: true }], trend: [1, 4, 7] });
    expect(byName.Soporte).toMatchObject({ status: 'ok', targets: [] });
    expect(byName.Bogotá).toMatchObject({
      total: true,
      status: 'critical',
      figures: { waiting: 11, agentsOnline: 0, serviceLevel: 0.82, longestWaitSeconds: 300 },
    });
    expect(board.agents).toMatchObject({ available: 1, busy: 1, away: 1, offline: 0 });
    expect(board.staffing).toMatchObject({ needed: expect.any(Number), available: 2, target: '80% answered within 20s' });
    expect(board.alerts).toEqual([expect.objectContaining({ kind: 'alert', severity: 'critical', text: 'Agents online: 0 (below 1)' })]);
    expect(JSON.stringify(board)).not.toMatch(/Ana|Luis|Eva/);
  });
});
