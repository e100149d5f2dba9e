import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { silentLogger } from '../../src/log/logger.js';
import { BotError } from '../../src/domain/errors.js';
import { PlatformError, type ChatPlatform } from '../../src/domain/chat-platform.js';
import { createSlackApp } from '../../src/platforms/slack/index.js';
import type { Reply } from '../../src/reply/reply.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { expectWithinSlackLimits, visibleText } from './limits.js';

const TOKEN = 'xoxb-platform-test';
const alert: Reply = {
  title: 'Queue too long — Bogotá',
  summary: '14 waiting (threshold 10)',
  tone: 'warning',
  buttons: [
    { label: 'Acknowledge', action: 'ack', value: 'a-1' },
    { label: 'Silence 1h', action: 'silence', value: 'queue-long:1h' },
    { label: 'Share in channel', action: 'share', value: '/queue bogota' },
  ],
  context: { source: 'Bogotá (wolkvox)', asOf: '2026-11-21T14:02:00.000Z' },
};

let fake: FakeSlack;
let platform: ChatPlatform;
beforeEach(async () => {
  fake = await startFakeSlack({ botToken: TOKEN, channels: ['C0OPS'] });
  const metrics = createMetrics();
  platform = createSlackApp({
    signingSecret: 's3cret',
    botToken: TOKEN,
    apiUrl: fake.apiUrl,
    router: { handle: async () => ({ title: '' }), commandsFor: () => [] },
    logger: silentLogger(),
    metrics,
  }).platform;
});
afterEach(() => fake.close());

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  // One error type: a platform's failure is a BotError with its code from the one list.
  expect(error).toBeInstanceOf(BotError);
  return error as PlatformError;
}

describe('SlackPlatform', () => {
  it('handles slack: references and nothing else', () => {
    expect(platform.handles('slack:C0OPS')).toBe(true);
    expect(platform.handles('teams:19:abc@thread.tacv2')).toBe(false);
    expect(platform.handles('console')).toBe(false);
  });

  it('posts an alert with its mention and returns a reference to the message', async () => {
    const ref = await platform.post('slack:C0OPS', alert, { mention: 'S0ONCALL' });
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(ref).toMatch(/^slack:C0OPS\/\d+\.\d{6}$/);
    expect(call.token).toBe(TOKEN);
    expect(call.body.channel).toBe('C0OPS');
    expect(String(call.body.text)).toContain('<!subteam^S0ONCALL>');
    expectWithinSlackLimits(call.body);
    expect(visibleText(call.body)).toContain('<!subteam^S0ONCALL>');
    // A message in a channel is already shared: no Share button there.
    expect(visibleText(call.body)).not.toContain('Share in channel');
    expect(visibleText(call.body)).toContain('Silence 1h');
  });

  it('mentions @here as Slack markup', async () => {
    await platform.post('slack:C0OPS', alert, { mention: '@here' });
    expect(String(fake.callsTo('chat.postMessage')[0]?.body.text)).toMatch(/^<!here> /);
  });

  it('updates the posted message in place and replies in its thread', async () => {
    const ref = await platform.post('slack:C0OPS', alert);
    const ts = ref.split('/')[1];
    await platform.update(ref, { ...alert, title: 'Resolved — Bogotá', tone: 'good', buttons: [] });
    await platform.replyInThread!(ref, { title: 'Back under 10 waiting' });
    expect(fake.callsTo('chat.update')[0]?.body).toMatchObject({ channel: 'C0OPS', ts });
    expect(visibleText(fake.callsTo('chat.update')[0]?.body)).toContain('Resolved');
    expect(fake.callsTo('chat.postMessage')[1]?.body).toMatchObject({ channel: 'C0OPS', thread_ts: ts });
  });

  it('turns a 429 into a retryable PlatformError carrying Retry-After, without retrying by itself', async () => {
    fake.failNext(1, { kind: 'rateLimited', retryAfterSeconds: 7 }, 'chat.postMessage');
    const error = await failure(platform.post('slack:C0OPS', alert));
    expect(error).toMatchObject({ code: 'platform-throttled', permanent: false, retryAfterSeconds: 7 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    await expect(platform.post('slack:C0OPS', alert)).resolves.toMatch(/^slack:C0OPS\//);
  });

  it('treats a Slack 500 as worth retrying', async () => {
    fake.failNext(1, { kind: 'serverError', status: 503 });
    const error = await failure(platform.post('slack:C0OPS', alert));
    expect(error.permanent).toBe(false);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('gives up at once on a channel that does not exist, saying what to check', async () => {
    const error = await failure(platform.post('slack:C0GONE', alert));
    expect(error).toMatchObject({ code: 'platform-refused', permanent: true, platformCode: 'channel_not_found' });
    expect(error.message).toContain('invite the bot');
  });

  it('gives up at once when the bot is not in the channel or the token is bad, without leaking the token', async () => {
    fake.failNext(1, { kind: 'error', error: 'not_in_channel' });
    expect(await failure(platform.post('slack:C0OPS', alert))).toMatchObject({ code: 'platform-refused', permanent: true, platformCode: 'not_in_channel' });
    fake.failNext(1, { kind: 'error', error: 'invalid_auth' });
    const bad = await failure(platform.update('slack:C0OPS/1700000000.000100', alert));
    expect(bad).toMatchObject({ code: 'platform-refused', permanent: true, platformCode: 'invalid_auth' });
    expect(bad.message).toContain('SLACK_BOT_TOKEN');
    expect(bad.message).not.toContain(TOKEN);
  });

  it('refuses references that are not Slack ones without calling Slack', async () => {
    expect(await failure(platform.post('teams:abc', alert))).toMatchObject({ code: 'bad-channel-reference', permanent: true });
    expect((await failure(platform.update('slack:C0OPS', alert))).message).toContain('message reference');
    expect(fake.calls).toHaveLength(0);
  });
});
