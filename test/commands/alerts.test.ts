import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/reply/render-text.js';
import type { Asker } from '../../src/domain/asker.js';
import type { AlertService, AlertView } from '../../src/watcher/model/alert-service.js';
import { AGENT_LEAD, SUPERVISOR, countingAdapter, sourceFor, routerOver } from '../support/router-kit.js';

const NOW = new Date('2026-11-20T15:10:00Z'); // Friday 10:10 in Bogotá

const FIRING: AlertView = {
  id: 'queue-long:bogota',
  ruleId: 'queue-long',
  source: 'bogota',
  metric: 'queue.waiting',
  phase: 'firing',
  severity: 'warning',
  value: 12,
  peak: 14,
  threshold: 8,
  direction: 'above',
  since: '2026-11-20T15:02:00Z',
};

/** The watcher's side as /alerts sees it, in memory, recording what it was asked. */
function alertService(firing: AlertView[] = [FIRING]) {
  const acks: Array<{ id: string; by: Asker }> = [];
  const silenced: Array<{ ruleId: string; ms: number; by: Asker }> = [];
  const service: AlertService = {
    firing: async () => firing,
    acknowledge: async (id, by) => {
      acks.push({ id, by });
      const alert = firing.find((a) => a.id === id);
      return alert && { ...alert, phase: 'acknowledged', acknowledgedBy: by.userId, first: true };
    },
    silence: async (ruleId, ms, by) => {
      silenced.push({ ruleId, ms, by });
      return { until: new Date(NOW.getTime() + ms).toISOString() };
    },
    silences: async () => silenced.map((s) => ({ ruleId: s.ruleId, until: new Date(NOW.getTime() + s.ms).toISOString(), by: s.by.userId })),
    unsilence: async (ruleId) => {
      const index = silenced.findIndex((s) => s.ruleId === ruleId);
      if (index < 0) return undefined;
      const [lifted] = silenced.splice(index, 1);
      return { until: new Date(NOW.getTime() + lifted!.ms).toISOString(), by: lifted!.by.userId };
    },
  };
  return { service, acks, silenced };
}

function setup(alerts?: AlertService) {
  const router = routerOver([sourceFor(countingAdapter('bogota'), 'Bogotá'), sourceFor(countingAdapter('emea', {}, { timeZone: 'Europe/Budapest' }), 'EMEA')], {
    alerts,
    now: () => NOW,
  });
  return (text: string, asker: Asker = SUPERVISOR) => router.handle({ text, asker, venue: 'channel' });
}

describe('/alerts', () => {
  it('lists the configured rules: metric, threshold, for, channels and active hours', async () => {
    const text = renderText(await setup()('/alerts'), { now: NOW });
    expect(text).toMatch(/queue-long\s+queue\.waiting\s+> 8 on bogota\s+2m\s+ops\s+mon–fri 08:00–18:00/);
    expect(text).toMatch(/agents\.available-emea-1\s+agents\.available\s+< 1 on emea\s+at once\s+ops, console\s+always/);
    expect(text).toContain('the watcher is not running in this process');
  });

  it('shows what is firing, since when, with Ack and Silence 1h buttons', async () => {
    const reply = await setup(alertService().service)('/alerts');
    const text = renderText(reply, { now: NOW });
    expect(reply.summary).toBe('2 rules · 1 firing');
    expect(text).toContain('queue-long — firing (warning)\nqueue.waiting on bogota is 12 (threshold > 8, peak 14)\nsince 10:02 (8 min ago)');
    expect(reply.buttons).toEqual(
      expect.arrayContaining([
        { label: 'Ack', action: 'ack', value: 'queue-long:bogota', style: 'primary' },
        { label: 'Silence 1h', action: 'silence', value: 'queue-long:1h' },
        { label: 'Refresh', action: 'run', value: '/alerts' },
      ]),
    );
    expect(reply.tone).toBe('warning');
  });

  it('lets a supervisor acknowledge an alert by id', async () => {
    const { service, acks } = alertService();
    const reply = await setup(service)('/alerts ack queue-long:bogota');
    expect(acks).toEqual([{ id: 'queue-long:bogota', by: SUPERVISOR }]);
    expect(reply.title).toBe('Acknowledged queue-long');
    expect(reply.summary).toBe('queue.waiting on bogota — acknowledged by Sara Supervisor.');
  });

  it('lets a supervisor silence a rule for 30 minutes, and says until when in local time', async () => {
    const { service, silenced } = alertService();
    const reply = await setup(service)('/alerts silence QUEUE-LONG 30m');
    expect(silenced).toEqual([{ ruleId: 'queue-long', ms: 1_800_000, by: SUPERVISOR }]);
    expect(reply.summary).toBe('No notifications from queue-long until 10:40 (30m), by Sara Supervisor.');
  });

  it('lets a supervisor lift a silence before it ends, from the command or the Unsilence button the silence answer carries', async () => {
    const { service, silenced } = alertService();
    const ask = setup(service);
    const silence = await ask('/alerts silence queue-long 2h');
    expect(silence.buttons).toContainEqual({ label: 'Unsilence', action: 'run', value: '/alerts unsilence queue-long' });
    const overview = await ask('/alerts');
    expect(overview.buttons).toContainEqual({ label: 'Unsilence', action: 'run', value: '/alerts unsilence queue-long' });
    const lifted = await ask('/alerts unsilence QUEUE-LONG');
    expect(lifted.title).toBe('queue-long notifies again');
    expect(lifted.summary).toBe(
      'Sara Supervisor lifted the silence on queue-long (set by U0SUPER until 12:10). If it is firing, its alert is posted at the next poll.',
    );
    expect(silenced).toEqual([]);
    expect((await ask('/alerts unsilence queue-long')).title).toBe('queue-long is not silenced');
    expect((await ask('/alerts unsilence nope')).summary).toMatch(/^There is no rule "nope"/);
    expect((await ask('/alerts unsilence queue-long', AGENT_LEAD)).summary).toMatch(/^Lifting a silence is for supervisors/);
  });

  it('refuses acknowledging and silencing to someone who is not a supervisor', async () => {
    const { service, acks, silenced } = alertService();
    const ask = setup(service);
    expect((await ask('/alerts ack queue-long:bogota', AGENT_LEAD)).summary).toMatch(/^Acknowledging alerts is for supervisors/);
    expect((await ask('/alerts silence queue-long 30m', AGENT_LEAD)).summary).toMatch(/^Silencing alerts is for supervisors/);
    expect(acks).toEqual([]);
    expect(silenced).toEqual([]);
  });

  it('answers an unknown rule or an unreadable duration with the usage', async () => {
    const ask = setup(alertService().service);
    expect((await ask('/alerts silence nope 30m')).summary).toBe('There is no rule "nope". Rules: queue-long, agents.available-emea-1.');
    expect((await ask('/alerts silence queue-long forever')).summary).toBe('"forever" is not a duration from 1m to 7d; write it like 30m, 2h or 1d.');
    expect((await ask('/alerts snooze')).title).toBe('How to use /alerts');
  });

  it('says nothing can be acknowledged when the watcher is not running here', async () => {
    expect((await setup()('/alerts ack queue-long:bogota')).title).toBe('Alerts are not watched here');
  });
});
