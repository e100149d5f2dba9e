import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { buttonsOf, expectWithinSlackLimits, visibleText } from './limits.js';
import { blockActionsBody, slashCommandBody } from '../fakes/slack-payloads.js';
import { DEMO_SUPERVISOR_ID, demoRouter } from '../support/router-kit.js';

// The real router and commands over the demo contact center, reached through the signed endpoint.
let h: Harness;
let transcriptId: string;
beforeAll(async () => {
  const { router, config, sources } = demoRouter();
  transcriptId = (await sources[0]!.activeChats()).value[0]?.id ?? 'no-chat';
  h = await startHarness({ router, access: config.access });
});
afterAll(() => h.close());

let seq = 0;
/** Runs a command as Slack would and returns the answer, whether it came in the ack or later. */
async function ask(command: string, text = '', userId = DEMO_SUPERVISOR_ID) {
  const id = `cmd${++seq}`;
  const res = await h.post(slashCommandBody({ command, text, user_id: userId, response_url: h.fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  if (!String(res.json?.text).startsWith('Looking…')) return res.json;
  // The answer, not a "Looking…" update on the way to it.
  return (await h.fake.waitForResponse((r) => r.id === id && !String(r.body.text).startsWith('Looking…'))).body;
}

describe('every command through the Slack endpoint', () => {
  it.each([
    ['/queue', ''],
    ['/agents', ''],
    ['/today', ''],
    ['/handoffs', ''],
    ['/alerts', ''],
    ['/help', ''],
    ['/help', 'transcript'],
    ['/queue', 'nowhere'],
  ])('%s %s answers with ephemeral Block Kit within Slack limits', async (command, text) => {
    const answer = await ask(command, text);
    expectWithinSlackLimits(answer);
    expect(answer?.response_type).toBe('ephemeral');
  });

  it('answers /transcript for a supervisor within limits, and without a Share button', async () => {
    const answer = await ask('/transcript', transcriptId);
    expectWithinSlackLimits(answer);
    expect(visibleText(answer)).toContain(`Transcript ${transcriptId}`);
    expect(buttonsOf(answer).some((b) => b.action_id.startsWith('chatops:share'))).toBe(false);
  });

  it('refuses /transcript to someone who is not a supervisor', async () => {
    const answer = await ask('/transcript', transcriptId, 'U0AGENT');
    expect(visibleText(answer)).toContain('for supervisors');
    expect(visibleText(answer)).not.toContain('Customer');
  });

  it('offers Share on /queue, and sharing posts the queue in the channel', async () => {
    const answer = await ask('/queue');
    const share = buttonsOf(answer).find((b) => b.action_id.startsWith('chatops:share'));
    expect(share?.value).toBe('/queue');
    await h.post(
      blockActionsBody({ actionId: share!.action_id, value: share!.value, userId: DEMO_SUPERVISOR_ID, responseUrl: h.fake.responseUrl('share-queue') }),
    );
    const posted = await h.fake.waitForResponse((r) => r.id === 'share-queue' && r.body.response_type === 'in_channel');
    expectWithinSlackLimits(posted.body);
    expect(visibleText(posted.body)).toContain('Queue — Demo contact center');
  });

  it('re-runs /agents on Refresh and replaces the answer', async () => {
    const answer = await ask('/agents');
    const refresh = buttonsOf(answer).find((b) => b.label === 'Refresh')!;
    await h.post(blockActionsBody({ actionId: refresh.action_id, value: refresh.value, responseUrl: h.fake.responseUrl('refresh-agents') }));
    const replaced = await h.fake.waitForResponse((r) => r.id === 'refresh-agents');
    expect(replaced.body.replace_original).toBe(true);
    expectWithinSlackLimits(replaced.body);
    expect(visibleText(replaced.body)).toContain('Agents');
  });
});
