import { afterEach, describe, expect, it } from 'vitest';
import { createRuleEditing } from '../../src/rules/rule-service.js';
import { createMemoryRuleStore } from '../../src/rules/rule-store.js';
import type { Reply } from '../../src/reply/reply.js';
import { startHarness, type Harness } from './harness.js';
import { slashCommandBody, viewSubmissionBody } from '../fakes/slack-payloads.js';
import { demoRouter, DEMO_SUPERVISOR_ID } from '../support/router-kit.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The real router over the demo, with rule editing on a memory store; announcements collected. */
async function setup() {
  const announced: Array<{ channels: readonly string[]; reply: Reply }> = [];
  const base = demoRouter();
  const ruleEditing = createRuleEditing({
    config: base.config,
    store: createMemoryRuleStore(),
    announce: async (channels, reply) => void announced.push({ channels, reply }),
    now: () => new Date(),
    zoneOf: () => 'America/Bogota',
  });
  const { router } = demoRouter({ ruleEditing });
  h = await startHarness({ router });
  return { h, ruleEditing, announced };
}

describe('editing a rule in a Slack modal', () => {
  it('opens the form filled in, shows a bad value inline, and saves and announces a good one', async () => {
    const { h, ruleEditing, announced } = await setup();
    const res = await h.post(slashCommandBody({ command: '/alerts', text: 'edit queue-long', user_id: DEMO_SUPERVISOR_ID, trigger_id: '1234.5678' }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('Opened the form');
    const [open] = h.fake.callsTo('views.open');
    expect(open!.body.trigger_id).toBe('1234.5678');
    const view = (typeof open!.body.view === 'string' ? JSON.parse(open!.body.view) : open!.body.view) as Record<string, unknown> & {
      blocks: Array<{ block_id: string; element: { initial_value?: string } }>;
    };
    expect(view.blocks.map((b) => b.block_id)).toEqual(['above', 'for', 'hysteresis', 'repeat', 'forecast', 'reopenWithin', 'channels', 'activeHours']);
    expect(view.blocks.find((b) => b.block_id === 'above')!.element.initial_value).toBe('8');
    const filled = Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element.initial_value ?? '']));

    const bad = await h.post(viewSubmissionBody(view, { ...filled, above: 'ten', for: '5 minutes' }, DEMO_SUPERVISOR_ID));
    expect(bad.status).toBe(200);
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { above: expect.stringMatching(/expected a number/), for: expect.stringContaining('"5 minutes" is not a duration') },
    });
    expect(await ruleEditing.history('queue-long')).toEqual([]);

    const good = await h.post(viewSubmissionBody(view, { ...filled, above: '12', for: '2m' }, DEMO_SUPERVISOR_ID));
    expect(good.status).toBe(200);
    expect(good.json?.response_action).toBeUndefined();
    expect((await ruleEditing.history('queue-long')).map((v) => v.change)).toEqual(['above 8 → 12, for 0s → 2m']);
    expect(announced.map((a) => [a.channels, a.reply.title])).toEqual([[['slack:C0OPS'], 'alice changed queue-long: above 8 → 12, for 0s → 2m']]);
  });

  it('refuses someone who is not a rule editor at the form, and saves nothing', async () => {
    const { h, ruleEditing } = await setup();
    await h.post(slashCommandBody({ command: '/alerts', text: 'edit queue-long', user_id: DEMO_SUPERVISOR_ID, trigger_id: '1.2' }));
    const opened = h.fake.callsTo('views.open')[0]!.body.view;
    const parsed = (typeof opened === 'string' ? JSON.parse(opened) : opened) as Record<string, unknown>;
    const refused = await h.post(viewSubmissionBody(parsed, { above: '12', channels: 'ops' }, 'U0SOMEONE'));
    expect(refused.json).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(refused.json)).toContain('rule editors');
    expect(await ruleEditing.history('queue-long')).toEqual([]);
  });
});
