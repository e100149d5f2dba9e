import { afterEach, describe, expect, it } from 'vitest';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { Asker } from '../../src/domain/asker.js';
import type { AuditEntry, CommandInput, CommandRouter } from '../../src/router/types.js';
import type { AccessConfig } from '../../src/config/schema.js';
import type { AlertService, AlertView } from '../../src/watcher/model/alert-service.js';
import { startHarness, type Harness } from './harness.js';
import { blockActionsBody, slashCommandBody } from '../fakes/slack-payloads.js';
import { visibleText } from './limits.js';
import { routerOver } from '../support/router-kit.js';

const firing: AlertView = {
  id: 'a-1',
  ruleId: 'queue-long',
  source: 'demo',
  metric: 'queue.waiting',
  phase: 'firing',
  severity: 'warning',
  value: 14,
  peak: 16,
  threshold: 10,
  direction: 'above',
  since: '2026-11-21T14:00:00.000Z',
};

/** An alert service that remembers who did what. */
function recordingAlerts() {
  const acks: Array<{ id: string; by: Asker }> = [];
  const silenced: Array<{ ruleId: string; ms: number; by: Asker }> = [];
  const service: AlertService = {
    firing: async () => [firing],
    acknowledge: async (id, by) => {
      acks.push({ id, by });
      return id === firing.id ? { ...firing, phase: 'acknowledged', acknowledgedBy: by.userId, first: true } : undefined;
    },
    silence: async (ruleId, ms, by) => {
      silenced.push({ ruleId, ms, by });
      return { until: new Date(Date.parse('2026-11-21T14:00:00.000Z') + ms).toISOString() };
    },
    silences: async () => [],
    unsilence: async () => undefined,
  };
  return { service, acks, silenced };
}

/** The bot's real router and commands, with the given supervisors and alert service, recording audit lines. */
function realRouter(supervisors: { slackUsers?: string[]; slackGroups?: string[] } | undefined, alerts?: AlertService) {
  const access = supervisors
    ? `access:\n  supervisors: { slackUsers: [${(supervisors.slackUsers ?? []).join(', ')}], slackGroups: [${(supervisors.slackGroups ?? []).join(', ')}] }\n`
    : '';
  const config = parseConfigText(
    `sources:\n  demo: { vendor: demo, label: Demo, timeZone: America/Bogota }\nchannels:\n  ops: slack:C0OPS\nalerts:\n  - { id: queue-long, metric: queue.waiting, source: demo, above: 8, channels: [ops] }\n${access}`,
    {},
  ).config;
  const { sources } = buildSources({ config, gate: createMemoryQuotaGate(), logger: silentLogger() });
  const audits: AuditEntry[] = [];
  const router = routerOver(sources, { config, alerts, audit: (entry) => audits.push(entry) });
  return { router, audits, access: config.access };
}

function recordingRouter(): CommandRouter & { inputs: CommandInput[] } {
  const inputs: CommandInput[] = [];
  return { inputs, commandsFor: () => [], handle: async (input) => (inputs.push(input), { title: 'ok', context: { asOf: new Date().toISOString() } }) };
}

const access = (slackUsers: string[], slackGroups: string[] = []): AccessConfig => ({
  supervisors: { slackUsers, slackGroups, teamsUsers: [] },
  everyone: true,
  askerBudget: { requestsPerHour: 60 },
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('alert buttons', () => {
  it('acknowledges the alert as the supervisor who pressed, tells only them and writes an audit line', async () => {
    const alerts = recordingAlerts();
    const { router, audits, access } = realRouter({ slackUsers: ['U0SUP'] }, alerts.service);
    h = await startHarness({ router, access });
    const res = await h.post(
      blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', userId: 'U0SUP', isEphemeral: false, responseUrl: h.fake.responseUrl('ack') }),
    );
    expect(res.status).toBe(200);
    const note = await h.fake.waitForResponse((r) => r.id === 'ack');
    expect(alerts.acks).toEqual([{ id: 'a-1', by: expect.objectContaining({ platform: 'slack', userId: 'U0SUP' }) }]);
    expect(note.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(note.body)).toMatch(/Acknowledged queue-long/);
    expect(audits).toEqual([expect.objectContaining({ action: 'alert.acknowledge', target: 'a-1', asker: expect.objectContaining({ userId: 'U0SUP' }) })]);
  });

  it('refuses Acknowledge from someone who is not a supervisor', async () => {
    const alerts = recordingAlerts();
    const { router, access } = realRouter({ slackUsers: ['U0SUP'] }, alerts.service);
    h = await startHarness({ router, access });
    await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', userId: 'U0AGENT', isEphemeral: false, responseUrl: h.fake.responseUrl('ack') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'ack');
    expect(visibleText(note.body)).toContain('is for supervisors');
    expect(alerts.acks).toEqual([]);
  });

  it('silences the rule for the hour the button says', async () => {
    const alerts = recordingAlerts();
    const { router, access } = realRouter({ slackUsers: ['U2147483697'] }, alerts.service);
    h = await startHarness({ router, access });
    await h.post(blockActionsBody({ actionId: 'chatops:silence:1', value: 'queue-long:1h', isEphemeral: false, responseUrl: h.fake.responseUrl('mute') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'mute');
    expect(alerts.silenced).toEqual([{ ruleId: 'queue-long', ms: 3_600_000, by: expect.objectContaining({ userId: 'U2147483697' }) }]);
    expect(visibleText(note.body)).toContain('Silenced queue-long');
  });

  it('keeps the silence limits of /alerts for a forged button (1 minute to 7 days)', async () => {
    const alerts = recordingAlerts();
    const { router, access } = realRouter({ slackUsers: ['U2147483697'] }, alerts.service);
    h = await startHarness({ router, access });
    await h.post(blockActionsBody({ actionId: 'chatops:silence:1', value: 'queue-long:30d', isEphemeral: false, responseUrl: h.fake.responseUrl('mute') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'mute');
    expect(visibleText(note.body)).toContain('is not a duration from 1m to 7d');
    expect(alerts.silenced).toEqual([]);
  });

  it('lets nobody act on alerts when no supervisors are configured', async () => {
    const alerts = recordingAlerts();
    const { router, access } = realRouter(undefined, alerts.service);
    h = await startHarness({ router, access });
    await h.post(blockActionsBody({ actionId: 'chatops:silence:0', value: 'queue-long:1h', isEphemeral: false, responseUrl: h.fake.responseUrl('mute') }));
    expect(visibleText((await h.fake.waitForResponse((r) => r.id === 'mute')).body)).toContain('is for supervisors');
    expect(alerts.silenced).toEqual([]);
  });

  it('says so when alerts are not running instead of failing', async () => {
    const { router, access } = realRouter({ slackUsers: ['U2147483697'] });
    h = await startHarness({ router, access });
    await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', isEphemeral: false, responseUrl: h.fake.responseUrl('ack') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'ack');
    expect(visibleText(note.body)).toContain('not running');
  });
});

describe('user groups', () => {
  it('lets a member of a supervisor user group act on alerts, looking the group up once for many presses', async () => {
    const alerts = recordingAlerts();
    const real = realRouter({ slackGroups: ['S0SUPS'] }, alerts.service);
    h = await startHarness({ router: real.router, access: real.access }, { userGroups: { S0SUPS: ['U0LEAD', 'U0OTHER'] } });
    for (const id of ['a', 'b']) {
      await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', userId: 'U0LEAD', isEphemeral: false, responseUrl: h.fake.responseUrl(id) }));
      await h.fake.waitForResponse((r) => r.id === id);
    }
    expect(alerts.acks.map((a) => a.by.groups)).toEqual([['S0SUPS'], ['S0SUPS']]);
    expect(h.fake.callsTo('usergroups.users.list')).toHaveLength(1);
    expect(h.fake.callsTo('usergroups.users.list')[0]?.body.usergroup).toBe('S0SUPS');
  });

  it("passes the asker's configured groups to the router with each command", async () => {
    const router = recordingRouter();
    h = await startHarness({ router, access: access([], ['S0SUPS', 'S0NIGHT']) }, { userGroups: { S0SUPS: ['U0LEAD'], S0NIGHT: [] } });
    await h.post(slashCommandBody({ command: '/queue', user_id: 'U0LEAD', response_url: h.fake.responseUrl() }));
    await h.post(slashCommandBody({ command: '/queue', user_id: 'U0NEW', response_url: h.fake.responseUrl() }));
    expect(router.inputs.map((i) => i.asker.groups)).toEqual([['S0SUPS'], []]);
  });

  it('still runs the command when the user-group lookup fails', async () => {
    const router = recordingRouter();
    h = await startHarness({ router, access: access([], ['S0GONE']) });
    const res = await h.post(slashCommandBody({ command: '/queue', user_id: 'U0LEAD', response_url: h.fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(router.inputs[0]?.asker.groups).toEqual([]);
  });
});
