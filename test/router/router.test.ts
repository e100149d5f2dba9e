import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { renderText } from '../../src/reply/render-text.js';
import type { AuditEntry, CommandDefinition, CommandInput } from '../../src/router/types.js';
import { AGENT_LEAD, CONSOLE, SUPERVISOR, collectingLogger, countingAdapter, sourceFor, testConfig, type FakeData, routerOver } from '../support/router-kit.js';

const DATA: FakeData = {
  queue: { queues: [{ name: 'Ventas', waiting: 2, longestWaitSeconds: 95 }], totals: { waiting: 2, longestWaitSeconds: 95, agentsAvailable: 1 } },
  transcript: { id: '4711', active: false, messages: [{ role: 'customer', text: 'hola', attachments: [] }] },
};

function setup(options: { config?: ReturnType<typeof testConfig> } = {}) {
  const bogota = countingAdapter('bogota', DATA);
  const emea = countingAdapter('emea', DATA, { timeZone: 'Europe/Budapest' });
  const audits: AuditEntry[] = [];
  const { logger, lines } = collectingLogger();
  const metrics = createMetrics();
  const router = routerOver([sourceFor(bogota, 'Bogotá'), sourceFor(emea, 'EMEA')], {
    config: options.config ?? testConfig(),
    audit: (entry) => audits.push(entry),
    logger,
    metrics,
    now: () => new Date('2026-11-21T19:05:00Z'),
  });
  const ask = (text: string, asker = SUPERVISOR, venue: CommandInput['venue'] = 'channel') => router.handle({ text, asker, venue });
  return { router, ask, bogota, emea, audits, lines, metrics };
}

describe('the command router', () => {
  it('answers an unknown command with the list of commands the asker can run', async () => {
    const { ask } = setup();
    const reply = await ask('/weather');
    expect(reply.title).toBe('Unknown command');
    expect(reply.summary).toContain('"weather"');
    expect(reply.sections?.map((s) => s.heading)).toContain('/queue [source]');
  });

  it('answers a near miss with "Did you mean" instead of the whole list', async () => {
    const { ask } = setup();
    const reply = await ask('/qeue');
    expect(reply.summary).toBe('There is no command "qeue". Did you mean /queue? (/help lists every command.)');
    expect(reply.sections).toBeUndefined();
  });

  it('answers bad arguments with the command usage and examples', async () => {
    const { ask } = setup();
    const reply = await ask('/handoffs lastyear');
    expect(reply.title).toBe('How to use /handoffs');
    expect(reply.summary).toContain('"lastyear" is neither a range');
    expect(reply.fields).toEqual([{ label: 'Usage', value: '/handoffs [source] [today|yesterday|7d]' }]);
    expect(reply.sections?.[0]?.text).toContain('/handoffs yesterday');
  });

  it('lists in /help only the commands the asker may run, with examples', async () => {
    const { ask } = setup();
    const forSupervisor = (await ask('/help')).sections!.map((s) => s.heading);
    const forOthers = (await ask('/help', AGENT_LEAD)).sections!.map((s) => s.heading);
    expect(forSupervisor).toContain('/transcript <conn_id> [source]');
    expect(forOthers).not.toContain('/transcript <conn_id> [source]');
    expect(forOthers).toContain('/queue [source]');
    expect(renderText(await ask('/help', AGENT_LEAD))).toContain('Examples: /queue · /queue emea');
  });

  it('refuses /transcript to someone who is not a supervisor, politely and without calling the vendor', async () => {
    const { ask, bogota, audits } = setup();
    const reply = await ask('/transcript 4711', AGENT_LEAD);
    expect(reply.summary).toBe(
      "/transcript is for supervisors. If you need it, ask your administrator to add you to access.supervisors in the bot's configuration.",
    );
    expect(reply.visibility).toBe('private');
    expect(bogota.calls).toEqual([]);
    expect(audits).toEqual([]);
  });

  it('refuses a malformed /transcript to a non-supervisor rather than teaching its usage', async () => {
    const { ask } = setup();
    expect((await ask('/transcript "4711', AGENT_LEAD)).title).toBe('Not available to you');
  });

  it('lets a member of a supervisors Slack group, a listed Teams user and the console read transcripts', async () => {
    const config = testConfig();
    config.access.supervisors.teamsUsers = ['6f1c2d3e-1111-4222-8333-944455556666'];
    const { ask } = setup({ config });
    for (const asker of [
      { platform: 'slack' as const, userId: 'U0NEW', groups: ['S0LEADS'] },
      { platform: 'teams' as const, userId: '6F1C2D3E-1111-4222-8333-944455556666' },
      CONSOLE,
    ]) {
      expect((await ask('/transcript 4711', asker)).title).toBe('Transcript 4711 — Bogotá');
    }
  });

  it('refuses every command but /help to others when access.everyone is false', async () => {
    const config = testConfig();
    config.access.everyone = false;
    const { ask, bogota } = setup({ config });
    expect((await ask('/queue', AGENT_LEAD)).title).toBe('Not available to you');
    expect((await ask('/help', AGENT_LEAD)).summary).toMatch(/no commands you may run/);
    expect(bogota.calls).toEqual([]);
  });

  it('writes an audit line for every transcript view: who, which chat, where and when', async () => {
    const { ask, audits } = setup();
    await ask('/transcript 4711 emea', SUPERVISOR, 'direct');
    expect(audits).toEqual([{ action: 'transcript.view', target: 'emea:4711', asker: SUPERVISOR, venue: 'direct', at: '2026-11-21T19:05:00.000Z' }]);
  });

  it('writes the audit line to the log with audit:true when no audit sink is given', async () => {
    const { logger, lines } = collectingLogger();
    const router = routerOver([sourceFor(countingAdapter('bogota', DATA))], { logger });
    await router.handle({ text: '/transcript 4711', asker: SUPERVISOR, venue: 'channel' });
    expect(lines).toContainEqual(expect.objectContaining({ audit: true, action: 'transcript.view', target: 'bogota:4711', user: 'U0SUPER', venue: 'channel' }));
  });

  it('takes a source named among the arguments, in any case or with its accent, and asks that source only', async () => {
    const { ask, bogota, emea } = setup();
    expect((await ask('/queue EMEA')).title).toBe('Queue — EMEA');
    expect((await ask('/queue Bogotá')).title).toBe('Queue — Bogotá');
    expect(emea.calls.map((c) => c.method)).toEqual(['queue']);
    expect(bogota.calls.map((c) => c.method)).toEqual(['queue']);
  });

  it('uses the first source when none is named, and says which one answered', async () => {
    const { ask } = setup();
    const reply = await ask('queue');
    expect(reply.context).toMatchObject({ source: 'Bogotá (demo)', timeZone: 'America/Bogota' });
  });

  it('answers an unknown source with the list of sources', async () => {
    const { ask } = setup();
    expect((await ask('/queue medellin')).summary).toBe('"medellin" is not a source here. Sources: bogota, emea.');
    expect((await ask('/queue source:medellin')).summary).toBe('There is no source "medellin". Sources: bogota, emea.');
  });

  it('puts the command text on the Refresh button, with the source it was asked for', async () => {
    const { ask } = setup();
    expect((await ask('  QUEUE   emea ')).buttons).toContainEqual({ label: 'Refresh', action: 'run', value: '/queue emea' });
  });

  it('counts each command by outcome and times it', async () => {
    const { ask, metrics } = setup();
    await ask('/queue');
    await ask('/transcript 4711', AGENT_LEAD);
    await ask('/nonsense');
    const text = await metrics.registry.metrics();
    expect(text).toContain('chatops_commands_total{command="queue",outcome="ok"} 1');
    expect(text).toContain('chatops_commands_total{command="transcript",outcome="denied"} 1');
    expect(text).toContain('chatops_commands_total{command="unknown",outcome="usage"} 1');
    expect(text).toMatch(/chatops_command_duration_seconds_count\{command="queue"\} 1/);
  });

  it('tells the CLI how each command ended, so `chatops ask` can choose its exit code', async () => {
    const { router } = setup();
    const input = (text: string) => ({ text, asker: CONSOLE, venue: 'console' as const });
    expect((await router.run!(input('/queue'))).outcome).toBe('ok');
    expect((await router.run!(input('/transcript "4711'))).outcome).toBe('usage');
    expect((await router.run!(input('/today'))).outcome).toBe('error');
  });

  it('lists for a platform manifest only the commands an asker may run', () => {
    const { router } = setup();
    expect(router.commandsFor(AGENT_LEAD).map((c) => c.name)).not.toContain('transcript');
    expect(router.commandsFor(CONSOLE).map((c) => c.name)).toContain('transcript');
  });
});

describe('buttons are router inputs', () => {
  function setup() {
    const adapter = countingAdapter('bogota', { queue: { queues: [], totals: { waiting: 3 } }, transcript: null });
    const audits: AuditEntry[] = [];
    const router = routerOver([sourceFor(adapter, 'Bogotá')], { audit: (e) => audits.push(e) });
    return { adapter, audits, router };
  }

  it('shares a public answer for everyone and writes who shared it to the audit trail', async () => {
    const { router, audits } = setup();
    const { reply, outcome } = await router.run({ action: 'share', text: '/queue bogota', asker: SUPERVISOR, venue: 'channel' });
    expect(outcome).toBe('ok');
    expect(reply.visibility).toBe('public');
    expect(audits).toEqual([expect.objectContaining({ action: 'share', target: '/queue bogota', asker: SUPERVISOR })]);
  });

  it('refuses to share a transcript without asking the vendor for it', async () => {
    const { router, adapter, audits } = setup();
    const reply = await router.handle({ action: 'share', text: '/transcript 12345', asker: SUPERVISOR, venue: 'channel' });
    expect(reply.summary).toMatch(/private .* cannot be shared/);
    expect(adapter.calls).toEqual([]);
    expect(audits).toEqual([]);
  });

  it('refuses to share a command the presser may not run, without running it', async () => {
    const { router, adapter } = setup();
    const reply = await router.handle({ action: 'share', text: '/transcript 12345', asker: AGENT_LEAD, venue: 'channel' });
    expect(reply.title).toBe('Not available to you');
    expect(adapter.calls).toEqual([]);
  });

  it('refuses to share a command that changes something (an acknowledgement, a rule edit), without running it again', async () => {
    const { router, audits } = setup();
    for (const text of ['/alerts ack queue-long:bogota', '/alerts silence queue-long 30m', '/alerts set queue-long above 5']) {
      const { reply, outcome } = await router.run({ action: 'share', text, asker: SUPERVISOR, venue: 'channel' });
      expect(outcome, text).toBe('denied');
      expect(reply.summary).toMatch(/changes something .* not run again/);
    }
    expect(audits).toEqual([]);
    // The alerts overview is an answer like any other.
    expect((await router.run({ action: 'share', text: '/alerts', asker: SUPERVISOR, venue: 'channel' })).outcome).toBe('ok');
  });

  it('runs Acknowledge as /alerts ack, with its supervisor rule', async () => {
    const { router } = setup();
    const reply = await router.handle({ action: 'ack', text: 'queue-long:bogota', asker: AGENT_LEAD, venue: 'channel' });
    expect(reply.summary).toMatch(/^Acknowledging alerts is for supervisors/);
  });
});

describe('router middleware', () => {
  it('runs steps added with use() after access is checked, and lets them answer instead of the command', async () => {
    const adapter = countingAdapter('bogota', { queue: { queues: [], totals: { waiting: 3 } } });
    const router = routerOver([sourceFor(adapter)]);
    const seen: string[] = [];
    router.use(async (turn, next) => {
      seen.push(`${turn.command?.name}:${turn.input.asker.userId}`);
      if (turn.input.asker.userId === 'U0OTHER') return turn.answer({ title: 'Slow down' }, 'denied');
      await next();
    });
    expect((await router.run({ text: '/queue', asker: AGENT_LEAD, venue: 'channel' })).outcome).toBe('denied');
    expect(adapter.calls).toEqual([]);
    expect((await router.run({ text: '/queue', asker: SUPERVISOR, venue: 'channel' })).outcome).toBe('ok');
    expect(seen).toEqual(['queue:U0OTHER', 'queue:U0SUPER']);
  });

  it('turns a step that calls next() twice into the error answer, never a crash', async () => {
    const router = routerOver([sourceFor(countingAdapter('bogota', { queue: { queues: [], totals: { waiting: 0 } } }))]);
    router.use(async (_turn, next) => {
      await next();
      await next();
    });
    const { reply, outcome } = await router.run({ text: '/queue', asker: SUPERVISOR, venue: 'channel' });
    expect(outcome).toBe('error');
    expect(reply.summary).toBe('Something went wrong; it has been logged.');
  });

  it('waits for events in flight when draining for shutdown', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: CommandDefinition = {
      name: 'slow',
      summary: '',
      usage: '/slow',
      examples: [],
      access: 'everyone',
      usesSource: false,
      handler: async () => (await held, { title: 'done' }),
    };
    const router = routerOver([sourceFor(countingAdapter('bogota'))], { commands: [slow] });
    const answer = router.handle({ text: '/slow', asker: SUPERVISOR, venue: 'channel' });
    const drained = router.drain(60_000);
    let done = false;
    void drained.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    release();
    expect(await drained).toBe(true);
    expect((await answer).title).toBe('done');
  });
});
