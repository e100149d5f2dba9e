import { afterEach, describe, expect, it } from 'vitest';
import type { AccessConfig } from '../../src/config/schema.js';
import type { Asker, CommandInput, CommandRouter } from '../../src/router/types.js';
import type { AlertService, AlertView } from '../../src/watcher/alert-service.js';
import { startHarness, type Harness } from './harness.js';
import { blockActionsBody, slashCommandBody } from './payloads.js';

const firing: AlertView = {
  id: 'a-1', ruleId: 'queue-long', source: 'bogota', metric: 'queue.waiting', phase: 'firing', severity: 'warning',
  value: 14, peak: 16, threshold: 10, direction: 'above', since: '2026-11-21T14:00:00.000Z',
};

/** An alert service that remembers who did what. */
function recordingAlerts() {
  const acks: Array<{ id: string; by: Asker }> = [];
  const silenced: Array<{ ruleId: string; ms: number; by: Asker }> = [];
  const service: AlertService = {
    firing: async () => [firing],
    acknowledge: async (id, by) => {
      acks.push({ id, by });
      return id === firing.id ? { ...firing, phase: 'acknowledged', acknowledgedBy: by.userId } : undefined;
    },
    silence: async (ruleId, ms, by) => {
      silenced.push({ ruleId, ms, by });
      return { until: new Date(Date.parse('2026-11-21T14:00:00.000Z') + ms).toISOString() };
    },
    silences: async () => [],
  };
  return { service, acks, silenced };
}

function recordingRouter(): CommandRouter & { inputs: CommandInput[] } {
  const inputs: CommandInput[] = [];
  return { inputs, commandsFor: () => [], handle: async (input) => (inputs.push(input), { title: 'ok', context: { asOf: new Date().toISOString() } }) };
}

const access = (slackUsers: string[], slackGroups: string[] = []): AccessConfig => ({ supervisors: { slackUsers, slackGroups, teamsUsers: [] }, everyone: true, askerBudget: { requestsPerHour: 60 } });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('alert buttons', () => {
  it('acknowledges the alert as the supervisor who pressed and tells only them', async () => {
    const alerts = recordingAlerts();
    h = await startHarness({ router: recordingRouter(), alerts: alerts.service, access: access(['U0SUP']) });
    const res = await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', userId: 'U0SUP', isEphemeral: false, responseUrl: h.fake.responseUrl('ack') }));
    expect(res.status).toBe(200);
    const note = await h.fake.waitForResponse((r) => r.id === 'ack');
    expect(alerts.acks).toEqual([{ id: 'a-1', by: expect.objectContaining({ platform: 'slack', userId: 'U0SUP' }) }]);
    expect(note.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(note.body.text)).toMatch(/^Acknowledged/);
  });

  it('refuses Acknowledge from someone who is not a supervisor', async () => {
    const alerts = recordingAlerts();
    h = await startHarness({ router: recordingRouter(), alerts: alerts.service, access: access(['U0SUP']) });
    await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', userId: 'U0AGENT', isEphemeral: false, responseUrl: h.fake.responseUrl('ack') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'ack');
    expect(String(note.body.text)).toContain('Only supervisors');
    expect(alerts.acks).toEqual([]);
  });

  it('silences the rule for the hour the button says', async () => {
    const alerts = recordingAlerts();
    h = await startHarness({ router: recordingRouter(), alerts: alerts.service, access: access(['U2147483697']) });
    await h.post(blockActionsBody({ actionId: 'chatops:silence:1', value: 'queue-long:1h', isEphemeral: false, responseUrl: h.fake.responseUrl('mute') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'mute');
    expect(alerts.silenced).toEqual([{ ruleId: 'queue-long', ms: 3_600_000, by: expect.objectContaining({ userId: 'U2147483697' }) }]);
    expect(String(note.body.text)).toContain('Silenced `queue-long` until');
  });

  it('lets nobody act on alerts when no access configuration was given', async () => {
    const alerts = recordingAlerts();
    h = await startHarness({ router: recordingRouter(), alerts: alerts.service });
    await h.post(blockActionsBody({ actionId: 'chatops:silence:0', value: 'queue-long:1h', isEphemeral: false, responseUrl: h.fake.responseUrl('mute') }));
    expect(String((await h.fake.waitForResponse((r) => r.id === 'mute')).body.text)).toContain('Only supervisors');
    expect(alerts.silenced).toEqual([]);
  });

  it('says so when alerts are not running instead of failing', async () => {
    h = await startHarness({ router: recordingRouter() });
    await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', isEphemeral: false, responseUrl: h.fake.responseUrl('ack') }));
    const note = await h.fake.waitForResponse((r) => r.id === 'ack');
    expect(String(note.body.text)).toContain('not running');
  });
});

describe('user groups', () => {
  it('lets a member of a supervisor user group act on alerts, looking the group up once for many presses', async () => {
    const alerts = recordingAlerts();
    h = await startHarness({ router: recordingRouter(), alerts: alerts.service, access: access([], ['S0SUPS']) }, { userGroups: { S0SUPS: ['U0LEAD', 'U0OTHER'] } });
    for (const id of ['a', 'b']) {
      await h.post(blockActionsBody({ actionId: 'chatops:ack:0', value: 'a-1', userId: 'U0LEAD', isEphemeral: false, responseUrl: h.fake.responseUrl(id) }));
      await h.fake.waitForResponse((r) => r.id === id);
    }
    expect(alerts.acks.map((a) => a.by.groups)).toEqual([['S0SUPS'], ['S0SUPS']]);
    expect(h.fake.callsTo('usergroups.users.list')).toHaveLength(1);
    expect(h.fake.callsTo('usergroups.users.list')[0]?.body.usergroup).toBe('S0SUPS');
  });

  it('passes the asker\'s configured groups to the router with each command', async () => {
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
