import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPrompt } from '../../src/platforms/console/prompt.js';
import { createTerminal } from '../../src/platforms/console/terminal.js';
import { FAKE_TEAM_ID } from '../fakes/fake-slack.js';
import { startHarness } from '../slack/harness.js';
import { startTeamsHarness } from '../teams/harness.js';
import { SEARCHING, SLACK_SUPERVISOR, slowVendorBot, type SlowVendorBot } from './slow-vendor.js';

let bot: SlowVendorBot;
beforeEach(async () => {
  bot = await slowVendorBot();
});
afterEach(async () => {
  await bot.close();
});

describe('an answer that takes a while', () => {
  it('prints what is being done at the chatops> prompt, then the answer', async () => {
    const output = new PassThrough();
    let seen = '';
    const waiters: Array<() => void> = [];
    output.on('data', (chunk: Buffer) => ((seen += chunk.toString()), waiters.splice(0).forEach((wake) => wake())));
    const until = async (text: string) => {
      while (!seen.includes(text)) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    const input = new PassThrough();
    const held = bot.vendor.hold();
    const prompt = startPrompt({ router: bot.router, input, terminal: createTerminal({ output, errors: output }) });
    try {
      input.write('/transcript 999001\n');
      await held.arrived;
      bot.slowness.fire();
      await until(SEARCHING);
      expect(seen).not.toContain('Transcript 999001');
      held.release();
      await until('Transcript 999001 — Bogotá');
      expect(seen.indexOf(SEARCHING)).toBeLessThan(seen.indexOf('Transcript 999001'));
    } finally {
      prompt.close();
    }
  });

  it('updates Slack’s "Looking…" message with what is being done, then replaces it with the answer', async () => {
    const harness = await startHarness({ router: bot.router, ackBudgetMs: 0 });
    try {
      const held = bot.vendor.hold();
      const body = new URLSearchParams({
        command: '/transcript',
        text: '999001',
        team_id: FAKE_TEAM_ID,
        user_id: SLACK_SUPERVISOR,
        channel_id: 'D0DM',
        response_url: harness.fake.responseUrl('t1'),
      }).toString();
      const ack = await harness.post(body);
      expect(String(ack.json?.text)).toContain('Looking…');
      await held.arrived;
      bot.slowness.fire();
      const update = await harness.fake.waitForResponse((r) => r.id === 't1' && String(r.body.text).includes(SEARCHING));
      expect(update.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
      held.release();
      await harness.fake.waitForResponse((r) => r.id === 't1' && String(r.body.text).includes('Transcript 999001'));
      expect(harness.fake.responsesTo('t1').map((r) => (String(r.body.text).includes(SEARCHING) ? 'progress' : 'answer'))).toEqual(['progress', 'answer']);
    } finally {
      await harness.close();
    }
  });

  it('says "Looking…" in the Slack user’s language once it is known, without waiting for it', async () => {
    const harness = await startHarness({ router: bot.router, ackBudgetMs: 0 }, { userLocales: { [SLACK_SUPERVISOR]: 'es-LA' } });
    const ask = async (id: string, command: string, text: string) => {
      const held = bot.vendor.hold();
      const body = new URLSearchParams({
        command,
        text,
        team_id: FAKE_TEAM_ID,
        user_id: SLACK_SUPERVISOR,
        channel_id: 'D0DM',
        response_url: harness.fake.responseUrl(id),
      }).toString();
      const ack = await harness.post(body);
      await held.arrived;
      held.release();
      await harness.fake.waitForResponse((r) => r.id === id);
      return String(ack.json?.text);
    };
    try {
      // The first ack may leave before Slack says the user's language; once read, the ack speaks it.
      await ask('es1', '/transcript', '999001');
      expect(await ask('es2', '/queue', '')).toBe('Buscando… `/queue`');
    } finally {
      await harness.close();
    }
  });

  it('shows Teams a typing indicator while the work goes on, then the answer', async () => {
    const harness = await startTeamsHarness({ router: bot.router });
    try {
      const held = bot.vendor.hold();
      const sent = harness.send(harness.fixture('message-personal', { text: 'transcript 999001' }));
      await held.arrived;
      expect(harness.connector.activities).toHaveLength(0);
      bot.slowness.fire();
      const [typing] = await harness.connector.waitForActivities(1);
      expect(typing!.activity.type).toBe('typing');
      held.release();
      expect((await sent).status).toBe(200);
      const types = harness.connector.activities.map((a) => a.activity.type);
      expect(types[0]).toBe('typing');
      expect(types.at(-1)).toBe('message');
      expect(JSON.stringify(harness.connector.activities.at(-1)!.activity)).toContain('Transcripción 999001');
    } finally {
      await harness.close();
    }
  });

  it('says nothing more when the answer comes before the work counts as slow', async () => {
    const output = new PassThrough();
    let seen = '';
    output.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    const input = new PassThrough();
    const answered = new Promise<void>((resolve) => output.on('data', () => seen.includes('Transcript 999001') && resolve()));
    const prompt = startPrompt({ router: bot.router, input, terminal: createTerminal({ output, errors: output }) });
    try {
      input.write('/transcript 999001\n');
      await answered;
      bot.slowness.fire();
      expect(seen).not.toContain('Looking…');
    } finally {
      prompt.close();
    }
  });
});
