import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/reply/reply.js';
import { renderText } from '../../src/reply/render-text.js';
import { alertReply, reminderNote, reopenedNote, resolvedNote } from '../../src/watcher/post/alert-replies.js';
import { summaryReply } from '../../src/watcher/summaries/summary-reply.js';
import type { AlertRecord } from '../../src/watcher/model/types.js';
import { localized } from '../../src/i18n/index.js';
import { DEMO_SUPERVISOR_ID, countingAdapter, demoRouter, routerOver, sourceFor } from '../support/router-kit.js';
import { BUSY_HOUR } from '../support/reply-kinds.js';
import { VENDOR_ERROR_CODES, VendorError, type VendorErrorReason } from '../../src/domain/errors.js';
import { QuotaSpentError } from '../../src/quota/quota-gate.js';
import { classifyWolkvoxAnswer } from '../../adapters/wolkvox/errors.js';
import { classifyComm100Status } from '../../adapters/comm100/errors.js';
import { classifyVccliveStatus } from '../../adapters/vcclive/errors.js';
import type { AlertService, AlertView } from '../../src/watcher/model/alert-service.js';
import { createMemoryRuleStore } from '../../src/rules/rule-store.js';
import { createRuleEditing } from '../../src/rules/rule-service.js';
import { announcement } from '../../src/rules/rule-replies.js';
import { formModal } from '../../src/platforms/slack/form-modal.js';

/**
 * The pseudo-locale `en-XA` accents every letter of every message (placeholders and command
 * names aside). Rendered in it, an answer holds no plain ASCII word at all, once the vendor's
 * own text (source label, queue and agent names, statuses, chat messages: the demo's are
 * Spanish), commands as typed, ids and zone names are taken out. A word left is text that does
 * not come from a message key.
 */
function untranslated(text: string, vendorText: readonly string[] = []): string[] {
  let rest = text;
  // Whole words only: the typed word "queu" is no part of /queue.
  for (const v of ['Demo contact center', '(demo)', ...vendorText])
    rest = rest.replace(new RegExp(`(?<![\\p{L}\\w])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\w])`, 'gu'), ' ');
  rest = rest
    .replace(/[A-Za-z]+\/[A-Za-z_]+/g, ' ') // time zones (America/Bogota)
    .replace(COMMAND, ' ') // commands as registered, with their arguments (/agents demo available)
    .replace(/\b[a-z]+:[\w:-]+/g, ' ') // command flags (page:2, queue-long:1h)
    .replace(/\b[A-Z]+-[\w-]+/g, ' ') // ids (DEMO-26120600977)
    .replace(/\[[^\]]*\]\s*$/gm, (line) => line.replace(/\b(?:alerts|ack|silence)\b/g, ' ')); // button hints name commands
  return (rest.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((word) => !INTL_NAMES.test(word));
}

/** Words a command takes as written (registered arguments and subcommands), never translated. */
const ARGUMENTS =
  'queue|agents|transcript|today|handoffs|staffing|alerts|help|wallboard|tv|revoke|demo|today|yesterday|7d|available|free|busy|away|offline|ack|silence|unsilence|rules|set|on|off|undo|history|edit|new|create|queue-long|[0-9]+[hm]|page:\\d+|--preview|DEMO-[\\w-]+|<[^>]*>|\\[[^\\]]*\\]';
const COMMAND = new RegExp(`/[a-z-]+(?:[ \\t]+(?:${ARGUMENTS})(?=[\\s·,.)\\]]|$))*`, 'gm');
/** Day and month names from Intl: the pseudo-locale formats dates as English does. */
const INTL_NAMES = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(day|sday|nesday|rsday|urday)?$|^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/;

const XA = { platform: 'console' as const, userId: 'console', locale: 'en-XA' };

describe('the pseudo-locale en-XA finds every untranslated text', () => {
  it('catches English left in an answer', () => {
    expect(untranslated('Ǫûéûé — Demo contact center\nAgents available: 3 · /queue demo')).toEqual(['Agents', 'available']);
  });

  // A fixed busy hour: the demo's chats do not move on between two reads of one test.
  const { router, sources } = demoRouter({ now: () => BUSY_HOUR });
  const ask = async (text: string) => renderText(await router.handle({ text, asker: XA, venue: 'console' }));
  // The demo's own words, shown as it gives them: queue, agent and routing point names, statuses.
  const vendor: string[] = [];
  beforeAll(async () => {
    const source = sources[0]!;
    vendor.push(...(await source.queue()).value.queues.map((q) => q.name));
    for (const a of (await source.agents()).value) vendor.push(a.name, a.stateLabel);
    vendor.push(...((await source.today()).value.queues ?? []).map((q) => q.name));
    const now = BUSY_HOUR.getTime();
    for (const days of [0, 1, 6]) {
      const range = { from: new Date(now - (days + 1) * 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString(), label: 'x' };
      vendor.push(...(await source.handoffs(range)).value.topRoutingPoints.map((p) => p.name));
    }
    vendor.sort((a, b) => b.length - a.length);
  });

  it.each([
    '/queue',
    '/agents',
    '/agents busy',
    '/agents free',
    '/agents nowhere',
    '/agents busy away',
    '/today',
    '/handoffs',
    '/handoffs yesterday',
    '/handoffs 7d',
    '/handoffs someday',
    '/staffing',
    '/staffing Nowhere',
    '/transcript',
    '/transcript a b',
    '/transcript ../etc',
    '/transcript NOPE-1',
    '/help',
    '/help queue',
    '/help nothing',
    '/help queue agents',
    '/queu',
    '/nonsense',
    '/queue "unclosed',
    '/queue page:x',
    '/queue extra',
  ])('%s', async (command) => {
    const text = await ask(command);
    expect(
      untranslated(text, [...vendor, 'nowhere', 'Nowhere', 'someday', 'nothing', 'unclosed', 'extra', 'NOPE-1', 'away', 'etc', 'queu', 'nonsense', 'demo']),
      text,
    ).toEqual([]);
  });

  it('/transcript of a chat in progress (its messages are the vendor text)', async () => {
    const chats = (await sources[0]!.activeChats()).value;
    // At the busy hour the demo always has chats in progress.
    const chat = chats[0]!;
    expect(chat).toBeDefined();
    const reply = await router.handle({ text: `/transcript ${chat.id}`, asker: XA, venue: 'console' });
    const transcript = (await sources[0]!.transcript(chat.id)).value!;
    const shown = [
      ...transcript.messages.map((m) => m.text.trim()),
      ...transcript.messages.map((m) => m.name ?? ''),
      ...transcript.messages.flatMap((m) => m.attachments.map((a) => a.name ?? a.type ?? '')),
      transcript.channel ?? '',
      transcript.queue ?? '',
      transcript.agentName ?? '',
      transcript.customerName ?? '',
      transcript.status ?? '',
      ...vendor,
    ].filter(Boolean);
    // The chat goes on between the two reads: each message's own text is the vendor's; the
    // attachment markers around file names are ours.
    const ours = reply.sections?.map((section) => ({
      ...section,
      text: section.text
        .split('\n')
        .filter((line) => line.startsWith('['))
        .join('\n'),
    }));
    const text = renderText({ ...reply, sections: ours });
    expect(untranslated(text, shown), text).toEqual([]);
  });
});

describe('/alerts, its subcommands and the rule forms in the pseudo-locale', () => {
  const firing: AlertView[] = [
    {
      id: 'queue-long:demo',
      ruleId: 'queue-long',
      source: 'demo',
      metric: 'queue.waiting',
      phase: 'firing',
      severity: 'critical',
      value: 12,
      peak: 14,
      threshold: 8,
      direction: 'above',
      since: '2026-11-20T15:02:00Z',
      reopens: 2,
      flapping: true,
    },
    {
      id: 'nofig:demo',
      ruleId: 'no-figures',
      source: 'demo',
      metric: 'queue.waiting',
      phase: 'acknowledged',
      severity: 'warning',
      value: 0,
      peak: 0,
      threshold: 0,
      direction: 'above',
      since: '2026-11-20T15:02:00Z',
      kind: 'no-figures',
      acknowledgedBy: 'Ana',
    },
  ];
  const silences: Array<{ ruleId: string; until: string; by: string }> = [];
  const alerts: AlertService = {
    firing: async () => firing,
    acknowledge: async (id, by) => {
      const alert = firing.find((a) => a.id === id);
      return alert && { ...alert, phase: 'acknowledged', acknowledgedBy: by.userId, first: id === 'queue-long:demo' };
    },
    silence: async (ruleId, ms, by) => {
      silences.push({ ruleId, until: new Date(Date.parse('2026-11-20T15:10:00Z') + ms).toISOString(), by: by.userId });
      return { until: silences.at(-1)!.until };
    },
    silences: async () => silences,
    unsilence: async (ruleId) => silences.find((s) => s.ruleId === ruleId),
  };
  const { config } = demoRouter();
  const { router } = demoRouter({
    alerts,
    now: () => new Date('2026-11-20T15:10:00Z'),
    ruleEditing: createRuleEditing({ config, store: createMemoryRuleStore(), now: () => new Date('2026-11-20T15:10:00Z'), zoneOf: () => 'America/Bogota' }),
  });
  const SUPER = { platform: 'slack' as const, userId: DEMO_SUPERVISOR_ID, displayName: 'Sara', locale: 'en-XA' };
  const ask = async (text: string, asker = SUPER) => router.handle({ text, asker, venue: 'channel' });
  // Rule, metric and field ids, durations and day names are written as the configuration writes them.
  const ids = [
    'queue-long',
    'queue.waiting',
    'demo',
    'no-figures',
    'nofig:demo',
    'queue-long:demo',
    'Sara',
    'Ana',
    'U0SUP',
    'ops',
    'nope',
    'sometimes',
    'bogus',
    'above',
    'hysteresis',
    'repeat',
    'forecast',
    'reopenWithin',
    'channels',
    'activeHours',
    'for',
    'below',
    'mon-fri',
    'emea-sales-queue',
    'queue.longest_wait_seconds',
    'agents.online',
    'info',
    'warning',
    'critical',
    'chatops.yaml',
    '`alerts`',
    'access.supervisors',
    'access.ruleEditors',
    'id',
    'metric',
    'source',
    'queue',
    'severity',
    'preview',
    'console',
    'off',
    'on',
  ];

  it.each([
    '/alerts',
    '/alerts ack queue-long:demo',
    '/alerts ack nofig:demo',
    '/alerts ack nope',
    '/alerts ack a b',
    '/alerts ack ../x',
    '/alerts silence queue-long 30m',
    '/alerts silence queue-long sometimes',
    '/alerts silence nope 30m',
    '/alerts unsilence queue-long',
    '/alerts bogus',
    '/alerts rules',
    '/alerts history queue-long',
    '/alerts set queue-long above 15 --preview',
    '/alerts set queue-long above 15',
    '/alerts set queue-long above 15',
    '/alerts set queue-long bogus 1',
    '/alerts set queue-long',
    '/alerts off queue-long',
    '/alerts off queue-long',
    '/alerts on queue-long a',
    '/alerts undo queue-long',
    '/alerts history queue-long',
    '/alerts edit queue-long',
    '/alerts new',
  ])('%s', async (command) => {
    const reply = await ask(command);
    const text = renderText(reply);
    expect(untranslated(text, ids), text).toEqual([]);
    if (reply.form) {
      // The Slack modal of the form: its title, buttons, labels and hints.
      const modal = formModal(reply.form, 'en-XA') as {
        title: { text: string };
        submit: { text: string };
        close: { text: string };
        blocks: Array<{ label: { text: string }; hint?: { text: string } }>;
      };
      const texts = [modal.title.text, modal.submit.text, modal.close.text, ...modal.blocks.flatMap((b) => [b.label.text, b.hint?.text ?? ''])].join('\n');
      expect(untranslated(texts, ids), texts).toEqual([]);
    }
  });

  it('refusals for those who may not act', async () => {
    const agent = { platform: 'slack' as const, userId: 'U0AGENT', displayName: 'Omar', locale: 'en-XA' };
    for (const command of [
      '/alerts ack queue-long:demo',
      '/alerts silence queue-long 1h',
      '/alerts unsilence queue-long',
      '/alerts new',
      '/alerts set queue-long above 3',
    ]) {
      const text = renderText(await ask(command, agent));
      expect(untranslated(text, ids), text).toEqual([]);
    }
  });

  it("the announcement of a change in the rule's channels", () => {
    const reply = announcement(
      { ruleId: 'queue-long', version: 2, by: 'Sara', at: '2026-11-20T15:10:00Z', change: 'above 8 → 15' } as never,
      undefined,
      'America/Bogota',
      'en-XA',
    );
    expect(untranslated(renderText(reply), ids)).toEqual([]);
  });
});

describe('vendor error sentences in the pseudo-locale', () => {
  const failing = (error: unknown, capabilities?: Parameters<typeof countingAdapter>[2]) =>
    routerOver([sourceFor(countingAdapter('bogota', { failWith: error }, capabilities), 'Bogotá')]);
  const ask = async (error: unknown, text = '/queue', capabilities?: Parameters<typeof countingAdapter>[2]) =>
    renderText(await failing(error, capabilities).handle({ text, asker: XA, venue: 'console' }));
  const base = { source: 'bogota', vendor: 'wolkvox', detail: 'detail for the log' };
  // Vendor names are the vendor's; the vendor's own words (quoted) are data.
  const vendorWords = ['wolkvox', 'Comm100', 'comm100', 'VCC Live', 'Bogotá', 'IP not allowed', 'queue', 'demo'];

  it.each(Object.entries(VENDOR_ERROR_CODES))('the default sentence of %s', async (reason, kind) => {
    const text = await ask(new VendorError({ ...base, kind, reason: reason as VendorErrorReason }));
    expect(untranslated(text, vendorWords), text).toEqual([]);
  });

  it('the adapters’ own sentences, a spent quota and a command the vendor cannot answer', async () => {
    const refined = [
      ...[403, 401].map((status) => classifyWolkvoxAnswer(status, '{"msg":"PLEASE VALIDATE TOKEN"}')),
      classifyWolkvoxAnswer(403, 'TOKEN LIMIT EXCEEDED'),
      classifyWolkvoxAnswer(403, '{}'),
      ...[401, 403, 429].map((status) => classifyComm100Status(status, '{}')),
      ...[401, 403, 404, 429, 502].map((status) => classifyVccliveStatus({ projectId: '822' })(status, '{"errors":["IP not allowed"]}')),
    ];
    for (const r of refined) {
      const text = await ask(new VendorError({ ...base, ...r!, detail: 'x' }));
      expect(untranslated(text, vendorWords), text).toEqual([]);
    }
    for (const text of [
      await ask(new QuotaSpentError('wolkvox:0032:ab12', 'wolkvox'), '/today'),
      await ask(undefined, '/handoffs', { vendor: 'comm100', capabilities: ['queue'] }),
    ])
      expect(untranslated(text, [...vendorWords, 'handoffs']), text).toEqual([]);
  });
});

describe('posts in the pseudo-locale: alerts, their notes, sources without figures, summaries', () => {
  const xa = localized('en-XA');
  const base: AlertRecord = {
    id: 'a-1',
    ruleId: 'queue-long',
    source: 'bogota',
    sourceLabel: 'Bogotá',
    timeZone: 'America/Bogota',
    metric: 'queue.waiting',
    queue: 'Ventas',
    severity: 'critical',
    direction: 'above',
    threshold: 8,
    hysteresis: 0,
    channels: ['console'],
    value: 12,
    peak: 14,
    since: '2026-11-21T16:00:00.000Z',
    firedAt: '2026-11-21T16:02:00.000Z',
    posted: true,
  };
  const texts = (replies: Reply[]) => replies.map((r) => renderText(r, { now: new Date('2026-11-21T17:00:00Z') }));

  it('alert messages in every state, and their thread notes', () => {
    const replies = [
      alertReply(base, undefined, 'en-XA'),
      alertReply(
        { ...base, reopens: 2, reopenedAt: '2026-11-21T16:30:00.000Z', flapping: true, warnedBy: { id: 'w-1', at: '2026-11-21T15:50:00.000Z' } },
        undefined,
        'en-XA',
      ),
      alertReply({ ...base, missingSince: '2026-11-21T16:20:00.000Z' }, { by: 'Ana', at: '2026-11-21T16:05:00.000Z' }, 'en-XA'),
      alertReply({ ...base, resolvedAt: '2026-11-21T16:40:00.000Z', reopens: 1 }, { by: 'Ana', at: '2026-11-21T16:05:00.000Z' }, 'en-XA'),
      alertReply({ ...base, resolvedAt: '2026-11-21T16:40:00.000Z', endReason: 'inactive' }, undefined, 'en-XA'),
      alertReply({ ...base, kind: 'no-figures', value: 3 }, undefined, 'en-XA'),
      alertReply({ ...base, kind: 'no-figures', value: 3, resolvedAt: '2026-11-21T16:40:00.000Z' }, undefined, 'en-XA'),
      resolvedNote({ ...base, resolvedAt: '2026-11-21T16:40:00.000Z' }, xa),
      reopenedNote(base, xa),
      reminderNote(base, new Date('2026-11-21T16:45:00Z'), xa),
    ];
    for (const text of texts(replies)) expect(untranslated(text, ['Bogotá', 'Ventas', 'Ana', 'queue-long', 'bogota']), text).toEqual([]);
  });

  it('early warning posts in every state', () => {
    const warning: AlertRecord = {
      ...base,
      id: 'w-1',
      metric: 'queue.longest_wait_seconds',
      threshold: 120,
      value: 80,
      peak: 80,
      forecast: { inSeconds: 360, slopePerMinute: 9, horizonMs: 900_000 },
    };
    const replies = [
      alertReply(warning, undefined, 'en-XA'),
      alertReply({ ...warning, forecast: { ...warning.forecast!, inSeconds: 10 } }, undefined, 'en-XA'),
      alertReply(
        { ...warning, direction: 'below', metric: 'agents.available', threshold: 2, value: 4, forecast: { ...warning.forecast!, slopePerMinute: -0.5 } },
        undefined,
        'en-XA',
      ),
      alertReply(
        { ...warning, metric: 'agents.utilization', threshold: 0.9, value: 0.8, forecast: { ...warning.forecast!, slopePerMinute: 0.01 } },
        undefined,
        'en-XA',
      ),
      alertReply(
        { ...warning, resolvedAt: '2026-11-21T16:08:00.000Z', endReason: 'became-alert', forecast: { ...warning.forecast!, alertId: 'a-9' } },
        undefined,
        'en-XA',
      ),
      alertReply({ ...warning, resolvedAt: '2026-11-21T16:08:00.000Z', endReason: 'trend-cleared' }, undefined, 'en-XA'),
      alertReply({ ...warning, direction: 'below', resolvedAt: '2026-11-21T16:08:00.000Z', endReason: 'trend-cleared' }, undefined, 'en-XA'),
      alertReply({ ...warning, resolvedAt: '2026-11-21T16:08:00.000Z', endReason: 'inactive' }, undefined, 'en-XA'),
    ];
    for (const text of texts(replies)) expect(untranslated(text, ['Bogotá', 'Ventas', 'queue-long', 'bogota']), text).toEqual([]);
  });

  it('the daily summary', () => {
    const day = {
      date: '2026-11-21',
      chats: 120,
      missed: 3,
      abandoned: 4,
      averageWaitSeconds: 40,
      firstResponseSeconds: 9,
      slaRate: 0.91,
      slaBreaches: 2,
      handoffRate: 0.4,
    };
    const reply = summaryReply(
      {
        date: '2026-11-21',
        timeZone: 'America/Bogota',
        at: new Date('2026-11-21T23:00:00Z'),
        sources: [
          {
            sourceId: 'bogota',
            label: 'Bogotá',
            timeZone: 'America/Bogota',
            today: day,
            lastWeek: { ...day, date: '2026-11-14' },
            partial: true,
            busiestHour: { hour: 11, chats: 30 },
            problemSaid: {
              key: 'summary.problem.figuresFrom',
              values: { time: '17:55' },
              reason: { key: 'stale.notAnswering', values: { vendor: 'wolkvox' } },
            },
          },
          {
            sourceId: 'emea',
            label: 'EMEA',
            timeZone: 'Europe/Budapest',
            partial: false,
            problemSaid: { key: 'summary.problem.notAvailable', values: { vendor: 'comm100' } },
          },
        ],
        alerts: {
          count: 2,
          critical: 1,
          acknowledged: 1,
          averageAckSeconds: 120,
          longest: { ruleId: 'queue-long', seconds: 900, metric: 'queue.waiting', peak: 14 },
        },
      } as never,
      'en-XA',
    );
    const text = renderText(reply);
    expect(untranslated(text, ['Bogotá', 'EMEA', 'queue-long', 'wolkvox', 'comm100']), text).toEqual([]);
    expect(text).toContain('17:55 (wolkvox îš ñöţ àñšŵéŕîñĝ)');
  });
});
