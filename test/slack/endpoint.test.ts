import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/reply/reply.js';
import type { CommandDefinition, CommandInput, CommandRouter } from '../../src/router/types.js';
import { DEMO_SUPERVISOR_ID, demoRouter, routerOver } from '../support/router-kit.js';
import { signSlackRequest } from '../fakes/fake-slack.js';
import { SECRET, startHarness, type Harness } from './harness.js';
import { buttonsOf, expectWithinSlackLimits, visibleText } from './limits.js';
import { blockActionsBody, slashCommandBody } from '../fakes/slack-payloads.js';

const AS_OF = '2026-11-21T14:02:00.000Z';

/**
 * A stand-in router: records every input and answers a few commands the way real ones would;
 * `/slow` answers only once the test calls `finishSlow()`.
 */
function recordingRouter(): CommandRouter & { inputs: CommandInput[]; finishSlow(): void } {
  const inputs: CommandInput[] = [];
  let finish!: () => void;
  const slowDone = new Promise<void>((resolve) => (finish = resolve));
  return {
    inputs,
    finishSlow: () => finish(),
    commandsFor: () => [],
    async handle(input) {
      inputs.push(input);
      const [name] = input.text.split(/\s+/);
      if (name === '/slow') await slowDone;
      if (name === '/transcript') {
        return {
          title: 'Transcript abc-1',
          sections: [{ text: 'Customer: hello\nAgent: hi' }],
          context: { source: 'Bogotá (wolkvox)', asOf: AS_OF },
          visibility: 'private',
        } satisfies Reply;
      }
      return {
        title: `Queue — Bogotá (${inputs.length})`,
        summary: '12 waiting · longest 4m 10s',
        table: {
          columns: ['Queue', 'Waiting', 'Longest'],
          rows: [
            ['Sales', '8', '4m 10s'],
            ['Support <VIP>', '4', '1m 2s'],
          ],
        },
        context: { source: 'Bogotá (wolkvox)', asOf: AS_OF },
        visibility: 'public',
      } satisfies Reply;
    },
  };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('POST /slack/events: slash commands', () => {
  it('answers a quick command in the ack itself, ephemeral, as Block Kit within Slack limits', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    const res = await h.post(
      slashCommandBody({ command: '/queue', text: 'bogota', user_id: 'U123', channel_id: 'C777', response_url: h.fake.responseUrl('q') }),
    );

    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    expectWithinSlackLimits(res.json);
    expect(visibleText(res.json)).toContain('Support &lt;VIP&gt;');
    expect(router.inputs).toEqual([
      {
        text: '/queue bogota',
        asker: { platform: 'slack', userId: 'U123', displayName: 'Steve', locale: 'en-US' },
        venue: 'channel',
        progress: expect.any(Function),
      },
    ]);
    expect(h.fake.responses).toHaveLength(0);
  });

  it('tells the router a command typed in a direct message came from a direct conversation', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    await h.post(slashCommandBody({ command: '/queue', text: '', channel_id: 'D0DM1', response_url: h.fake.responseUrl() }));
    expect(router.inputs[0]?.venue).toBe('direct');
    expect(router.inputs[0]?.text).toBe('/queue');
  });

  it('refuses a request with a bad signature with 401 and runs nothing', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    const body = slashCommandBody({ command: '/queue', response_url: h.fake.responseUrl() });
    const res = await h.post(body, signSlackRequest('not-the-secret', body));
    expect(res.status).toBe(401);
    expect(router.inputs).toHaveLength(0);
  });

  it('refuses a correctly signed request from six minutes ago with 401 and runs nothing', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    const body = slashCommandBody({ command: '/queue', response_url: h.fake.responseUrl() });
    const res = await h.post(body, signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(res.status).toBe(401);
    expect(router.inputs).toHaveLength(0);
  });

  it('refuses a body altered after signing', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    const body = slashCommandBody({ command: '/queue', response_url: h.fake.responseUrl() });
    const res = await h.post(body.replace('queue', 'transcript'), signSlackRequest(SECRET, body));
    expect(res.status).toBe(401);
    expect(router.inputs).toHaveLength(0);
  });

  it('acknowledges a command still being answered with "Looking…" and delivers the answer to the response_url once it comes', async () => {
    // The answer waits for the test, so the ack can only have come without it (Slack's 3 s
    // acknowledgement window is measured by bench/slack-ack.ts, not here).
    const router = recordingRouter();
    h = await startHarness({ router });
    const res = await h.post(slashCommandBody({ command: '/slow', response_url: h.fake.responseUrl('slow') }));

    expect(res.status).toBe(200);
    expect(String(res.json?.text)).toMatch(/^Looking…/);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(h.fake.responses).toHaveLength(0);

    router.finishSlow();
    const late = await h.fake.waitForResponse((r) => r.id === 'slow');
    expect(late.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expectWithinSlackLimits(late.body);
  });

  it("still answers the asker when a command fails, through the router's one error boundary", async () => {
    const boom: CommandDefinition = {
      name: 'boom',
      summary: 'fails',
      usage: '/boom',
      examples: [],
      access: 'everyone',
      usesSource: false,
      handler: async () => Promise.reject(new Error('command exploded')),
    };
    const { sources } = demoRouter();
    h = await startHarness({ router: routerOver(sources, { commands: [boom], config: demoRouter().config }) });
    const res = await h.post(slashCommandBody({ command: '/boom', response_url: h.fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(visibleText(res.json)).toContain('Something went wrong');
    expect(buttonsOf(res.json).some((b) => b.action_id.startsWith('chatops:share'))).toBe(false);
  });

  it("answers Slack's url_verification challenge", async () => {
    h = await startHarness({ router: recordingRouter() });
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const res = await h.post(body, { ...signSlackRequest(SECRET, body), 'content-type': 'application/json' });
    expect(res.json).toEqual({ challenge: 'c-123' });
  });
});

describe('POST /slack/events: buttons', () => {
  it('offers Share on a queue answer, and pressing it posts the answer in the channel for everyone', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    const ack = await h.post(slashCommandBody({ command: '/queue', text: 'bogota', user_id: 'U123', response_url: h.fake.responseUrl('q') }));
    const share = buttonsOf(ack.json).find((b) => b.label === 'Share in channel');
    expect(share).toBeDefined();

    const res = await h.post(blockActionsBody({ actionId: share!.action_id, value: share!.value, userId: 'U123', responseUrl: h.fake.responseUrl('share') }));
    expect(res.status).toBe(200);
    const posted = await h.fake.waitForResponse((r) => r.id === 'share' && r.body.response_type === 'in_channel');
    expectWithinSlackLimits(posted.body);
    expect(visibleText(posted.body)).toContain('Shared by <@U123>');
    expect(buttonsOf(posted.body)).toEqual([]);
    await h.fake.waitForResponse((r) => r.id === 'share' && r.body.delete_original === true);
    expect(router.inputs.at(-1)?.text).toBe('/queue bogota');
  });

  it('never offers Share on a transcript', async () => {
    h = await startHarness({ router: recordingRouter() });
    const ack = await h.post(slashCommandBody({ command: '/transcript', text: 'abc-1', response_url: h.fake.responseUrl() }));
    expectWithinSlackLimits(ack.json);
    expect(buttonsOf(ack.json).map((b) => b.label)).toEqual(['Refresh']);
  });

  it('refuses a forged share press for a transcript, privately, without posting in the channel', async () => {
    h = await startHarness({ router: demoRouter().router });
    await h.post(
      blockActionsBody({ actionId: 'chatops:share:0', value: '/transcript abc-1', userId: DEMO_SUPERVISOR_ID, responseUrl: h.fake.responseUrl('forged') }),
    );
    const answer = await h.fake.waitForResponse((r) => r.id === 'forged');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(visibleText(answer.body)).toContain('private');
    expect(h.fake.responses.some((r) => r.body.response_type === 'in_channel')).toBe(false);
  });

  it('re-runs the command on Refresh and replaces the ephemeral answer', async () => {
    const router = recordingRouter();
    h = await startHarness({ router });
    const ack = await h.post(slashCommandBody({ command: '/queue', text: 'bogota', response_url: h.fake.responseUrl() }));
    const refresh = buttonsOf(ack.json).find((b) => b.label === 'Refresh')!;
    expect(visibleText(ack.json)).toContain('(1)');

    await h.post(blockActionsBody({ actionId: refresh.action_id, value: refresh.value, responseUrl: h.fake.responseUrl('refresh') }));
    const replaced = await h.fake.waitForResponse((r) => r.id === 'refresh');
    expect(replaced.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(visibleText(replaced.body)).toContain('(2)');
    expect(router.inputs.map((i) => i.text)).toEqual(['/queue bogota', '/queue bogota']);
  });
});
