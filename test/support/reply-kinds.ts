import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { demoSourceSchema } from '../../src/config/source-schemas.js';
import { backfillHistory, createMemoryHistory } from '../../src/history/index.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { Reply } from '../../src/reply/reply.js';
import { createSource } from '../../src/sources/source.js';
import { alertReply, resolvedNote } from '../../src/watcher/post/alert-replies.js';
import type { AlertService, AlertView } from '../../src/watcher/model/alert-service.js';
import { noFiguresReply } from '../../src/watcher/post/no-figures-reply.js';
import { summaryReply } from '../../src/watcher/summaries/summary-reply.js';
import type { AlertRecord } from '../../src/watcher/model/types.js';
import { warningReply } from '../../src/watcher/post/warning-reply.js';
import { parseConfigText } from '../../src/config/load.js';
import { SUPERVISOR, routerOver } from './router-kit.js';

/** 11:30 in Bogotá on a Tuesday, the demo's busy hour: every queue has people waiting. */
export const BUSY_HOUR = new Date('2026-11-17T16:30:00Z');

const FIRING: AlertView = {
  id: 'queue-long:demo:1',
  ruleId: 'queue-long',
  source: 'demo',
  metric: 'queue.waiting',
  phase: 'firing',
  severity: 'critical',
  value: 12,
  peak: 14,
  threshold: 8,
  direction: 'above',
  since: '2026-11-17T16:21:00Z',
};

const ALERT: AlertRecord = {
  id: 'queue-long:demo:1',
  ruleId: 'queue-long',
  source: 'demo',
  sourceLabel: 'Demo contact center',
  timeZone: 'America/Bogota',
  metric: 'queue.waiting',
  queue: 'WhatsApp VIP',
  severity: 'critical',
  direction: 'above',
  threshold: 8,
  hysteresis: 0,
  channels: ['ops'],
  value: 12,
  peak: 14,
  since: '2026-11-17T16:21:00Z',
  firedAt: '2026-11-17T16:23:00Z',
  posted: true,
};

/**
 * Every kind of answer the bot sends, built by the real commands over the demo contact center
 * (two hours of history, so `/queue` has its trend) and by the watcher's own reply builders:
 * alerts, early warnings, the daily summary. Also one reply of hostile vendor text.
 */
export async function replyKinds(): Promise<{ kinds: Array<{ name: string; reply: Reply }>; close: () => Promise<void> }> {
  const adapter = createDemoAdapter(
    { ...demoSourceSchema.parse({ vendor: 'demo', seed: 42, timeZone: 'America/Bogota' }), id: 'demo' },
    { now: () => BUSY_HOUR },
  );
  const gate = createMemoryQuotaGate({ now: () => BUSY_HOUR.getTime() });
  const source = createSource({
    adapter,
    gate,
    label: 'Demo contact center',
    token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone },
  });
  const history = createMemoryHistory();
  await backfillHistory({ history, adapters: [adapter], now: BUSY_HOUR, from: new Date(BUSY_HOUR.getTime() - 2 * 3_600_000) });
  const alerts: AlertService = {
    firing: async () => [FIRING],
    acknowledge: async (id, by) => ({ ...FIRING, id, phase: 'acknowledged', acknowledgedBy: by.displayName, first: true }),
    silence: async (_rule, ms) => ({ until: new Date(BUSY_HOUR.getTime() + ms).toISOString() }),
    unsilence: async () => undefined,
    silences: async () => [],
  };
  const router = routerOver([source], { config: kindsConfig(), now: () => BUSY_HOUR, history, alerts });
  const ask = (text: string) => router.handle({ text, asker: SUPERVISOR, venue: 'direct' });
  const chat = (await adapter.activeChats!())[0]!;

  const kinds: Array<{ name: string; reply: Reply }> = [];
  for (const [name, text] of [
    ['queue', '/queue'],
    ['agents', '/agents'],
    ['agents-busy', '/agents busy'],
    ['transcript', `/transcript ${chat.id}`],
    ['today', '/today'],
    ['handoffs', '/handoffs'],
    ['handoffs-7d', '/handoffs 7d'],
    ['staffing', '/staffing'],
    ['alerts', '/alerts'],
    ['alerts-ack', `/alerts ack ${FIRING.id}`],
    ['alerts-silence', '/alerts silence queue-long 2h'],
    ['help', '/help'],
    ['error-usage', '/agents sleeping'],
  ] as const) {
    kinds.push({ name, reply: await ask(text) });
  }
  const today = await adapter.dayStats('2026-11-17');
  const lastWeek = await adapter.dayStats('2026-11-10');
  kinds.push(
    { name: 'alert-firing', reply: alertReply(ALERT) },
    { name: 'alert-acked', reply: alertReply(ALERT, { by: 'Sara Supervisor', at: '2026-11-17T16:25:00Z' } as never) },
    { name: 'alert-resolved', reply: alertReply({ ...ALERT, resolvedAt: '2026-11-17T16:40:00Z' }) },
    { name: 'alert-resolved-note', reply: resolvedNote({ ...ALERT, resolvedAt: '2026-11-17T16:40:00Z' }) },
    {
      name: 'warning',
      reply: warningReply({
        ...ALERT,
        id: 'queue-long:early-1',
        severity: 'warning',
        value: 6,
        forecast: { inSeconds: 420, slopePerMinute: 0.5, horizonMs: 900_000 },
      } as AlertRecord),
    },
    { name: 'no-figures', reply: noFiguresReply({ ...ALERT, id: 'no-figures:demo', value: 3 }) },
    {
      name: 'summary',
      reply: summaryReply({
        date: '2026-11-17',
        timeZone: 'America/Bogota',
        at: BUSY_HOUR,
        sources: [{ sourceId: 'demo', label: 'Demo contact center', timeZone: 'America/Bogota', today, lastWeek, partial: true }],
        alerts: {
          count: 1,
          critical: 1,
          acknowledged: 1,
          fired: [{ at: Date.parse('2026-11-17T10:42:00-05:00'), ruleId: 'queue-long', severity: 'critical' }],
        },
      }),
    },
    { name: 'hostile', reply: hostileReply() },
  );
  return { kinds, close: async () => (await gate.close(), await adapter.close?.()) };
}

/** The demo as the only source, with rules on its queue (their thresholds are drawn on /queue's chart). */
function kindsConfig() {
  const text = `
sources:
  demo: { vendor: demo, label: Demo contact center, timeZone: America/Bogota }
channels:
  ops: slack:C0OPS
alerts:
  - id: queue-long
    metric: queue.waiting
    source: demo
    above: 8
    for: 2m
    severity: critical
    channels: [ops]
    activeHours: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }
  - id: wait-long
    metric: queue.longest_wait_seconds
    source: demo
    above: 240
    channels: [ops]
  - metric: agents.available
    source: demo
    below: 1
    channels: [ops, console]
access:
  supervisors: { slackUsers: [U0SUPER] }
`;
  return parseConfigText(text, {}).config;
}

/** Vendor text that markdown would read as a quote, a heading, a list; long names and ids. */
function hostileReply(): Reply {
  return {
    title: 'Queue — # Soporte > VIP',
    summary: '> 8 on demo\n- not a list\n1. not a list either',
    table: {
      columns: ['Queue', 'Waiting', 'Longest'],
      rows: [
        ['> 8 on demo', '8', '5m 19s'],
        ['# Heading', '1', '9s'],
        ['- dash', '2', '12s'],
        ['1. numbered', '3', '1m 2s'],
        ['Atención al cliente prioritaria', '4', '2m 34s'],
      ],
    },
    fields: [{ label: '> quoted', value: '# not a heading' }],
    context: { source: 'Demo contact center' },
    visibility: 'public',
  };
}
