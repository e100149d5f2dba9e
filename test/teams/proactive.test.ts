import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConversationStore } from '../../src/platforms/teams/redis-conversation-store.js';
import { PlatformError } from '../../src/domain/chat-platform.js';
import type { Reply } from '../../src/reply/reply.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from './harness.js';
import { cardTexts, validateTeamsCard } from './card-validator.js';

const TEAM_GENERAL = '19:9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a@thread.tacv2';
const PERSONAL_LUIS = 'a:1Zq8Xw7Ce6Vr5Bt4Ny3Mu2Ji1Ko0LpAsDfGhJkLqWeRtY';
const alert: Reply = {
  title: 'Queue too long — Sales',
  summary: '14 waiting (threshold 10)',
  tone: 'danger',
  buttons: [{ label: 'Acknowledge', action: 'ack', value: 'a-1' }],
};

let harness: TeamsHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A harness where the bot was just installed in the team. */
async function installed(options: Parameters<typeof startTeamsHarness>[0] = {}) {
  harness = await startTeamsHarness(options);
  expect((await harness.send(harness.fixture('conversation-update-bot-added-to-team'))).status).toBe(200);
  return harness;
}

async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

describe('Teams proactive posts', () => {
  it('saves the team when the bot is installed and posts an alert card there later', async () => {
    const h = await installed();
    expect(await h.store.get(TEAM_GENERAL)).toMatchObject({ kind: 'channel', name: 'Contact Center Bogotá', serviceUrl: h.connector.serviceUrl });
    const ref = await h.app.platform.post(`teams:${TEAM_GENERAL}`, alert);
    const [post] = h.connector.activities;
    expect(post).toMatchObject({ method: 'POST', conversationId: TEAM_GENERAL });
    expect(post!.activityId).toBeUndefined();
    expect(validateTeamsCard(cardOf(post!.activity))).toEqual([]);
    expect(cardOf(post!.activity).actions[0].data).toEqual({ chatops: { action: 'ack', value: 'a-1' } });
    expect(ref).toBe(`teams:${TEAM_GENERAL}/${post!.id}`);
  });

  it('posts to a 1:1 chat saved when a user installed the app', async () => {
    harness = await startTeamsHarness();
    await harness.send(harness.fixture('installation-update-add-personal'));
    await harness.app.platform.post(`teams:${PERSONAL_LUIS}`, alert);
    expect(harness.connector.in(PERSONAL_LUIS)).toHaveLength(1);
  });

  it('edits the posted message on update and answers under it on replyInThread', async () => {
    const h = await installed();
    const ref = await h.app.platform.post(`teams:${TEAM_GENERAL}`, alert);
    const postId = h.connector.activities[0]!.id;
    await h.app.platform.update(ref, { ...alert, title: 'Resolved — Sales', tone: 'good' });
    await h.app.platform.replyInThread!(ref, { title: 'Acknowledged by Ana' });
    const [, update, reply] = h.connector.activities;
    expect(update).toMatchObject({ method: 'PUT', conversationId: TEAM_GENERAL, activityId: postId });
    expect(cardTexts(cardOf(update!.activity))[0]).toBe('Resolved — Sales');
    expect(reply).toMatchObject({ method: 'POST', conversationId: TEAM_GENERAL, activityId: postId });
  });

  it('hands a 429 to the outbox with the Retry-After the connector sent: one request, no wait inside the post', async () => {
    const h = await installed();
    h.connector.throttle(1, 1);
    const err = await rejection(h.app.platform.post(`teams:${TEAM_GENERAL}`, alert));
    expect(err).toMatchObject({ code: 'platform-throttled', permanent: false, retryAfterSeconds: 1 });
    expect(h.connector.requests).toHaveLength(1);
    // The outbox's next attempt, after the wait it was told, goes through.
    await h.app.platform.post(`teams:${TEAM_GENERAL}`, alert);
    expect(h.connector.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('hands a long Retry-After to the caller as it is', async () => {
    const h = await installed();
    h.connector.throttle(1, 120);
    const err = await rejection(h.app.platform.post(`teams:${TEAM_GENERAL}`, alert));
    expect(err).toMatchObject({ code: 'platform-throttled', permanent: false, retryAfterSeconds: 120 });
    expect(h.connector.requests).toHaveLength(1);
  });

  it('marks the conversation stale on ConversationNotFound and stops trying', async () => {
    const h = await installed();
    h.connector.forget(TEAM_GENERAL);
    const err = await rejection(h.app.platform.post(`teams:${TEAM_GENERAL}`, alert));
    expect(err).toMatchObject({ code: 'platform-refused', permanent: true, platformCode: 'ConversationNotFound' });
    expect((await h.store.get(TEAM_GENERAL))?.stale?.reason).toBe('ConversationNotFound');
    expect(h.logs.some((l) => l.level === 40 && l.conversation === TEAM_GENERAL && /ConversationNotFound/.test(l.msg))).toBe(true);
    const again = await rejection(h.app.platform.post(`teams:${TEAM_GENERAL}`, alert));
    expect(again.permanent).toBe(true);
    expect(h.connector.requests).toHaveLength(1);
  });

  it('marks the conversation stale on BotNotInConversationRoster', async () => {
    const h = await installed();
    h.connector.forget(TEAM_GENERAL, 'BotNotInConversationRoster');
    const err = await rejection(h.app.platform.post(`teams:${TEAM_GENERAL}`, alert));
    expect(err).toMatchObject({ code: 'platform-refused', permanent: true, platformCode: 'BotNotInConversationRoster' });
    expect((await h.store.get(TEAM_GENERAL))?.stale?.reason).toBe('BotNotInConversationRoster');
  });

  it('marks the team stale when the bot is removed, and usable again once re-added', async () => {
    const h = await installed();
    await h.send(h.fixture('conversation-update-bot-removed-from-team'));
    expect((await h.store.get(TEAM_GENERAL))?.stale?.reason).toBe('BotRemoved');
    await rejection(h.app.platform.post(`teams:${TEAM_GENERAL}`, alert));
    await h.send(h.fixture('conversation-update-bot-added-to-team'));
    await h.app.platform.post(`teams:${TEAM_GENERAL}`, alert);
    expect(h.connector.in(TEAM_GENERAL)).toHaveLength(1);
  });

  it('says what to do for a conversation or alias it does not know', async () => {
    harness = await startTeamsHarness();
    const unknown = await rejection(harness.app.platform.post('teams:19:nobody@thread.tacv2', alert));
    expect(unknown).toMatchObject({ code: 'bad-channel-reference', permanent: true, platformCode: 'UnknownConversation' });
    expect(unknown.message).toMatch(/add the bot there/);
    const alias = await rejection(harness.app.platform.post('teams:ops', alert));
    expect(alias).toMatchObject({ code: 'bad-channel-reference', permanent: true, platformCode: 'UnknownAlias' });
    expect(alias.message).toMatch(/link ops/);
  });

  it('claims teams: channel references only', async () => {
    harness = await startTeamsHarness();
    const { platform } = harness.app;
    expect(platform.handles('teams:19:abc@thread.tacv2')).toBe(true);
    expect(platform.handles('teams:ops')).toBe(true);
    expect(platform.handles('teams-webhook:https://example.com/x')).toBe(false);
    expect(platform.handles('slack:C0123')).toBe(false);
  });
});

describe('Teams proactive posts across replicas', () => {
  it('posts from a replica that never saw the install, through the shared Redis store', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    const prefix = `test:teams:${randomUUID()}:`;
    const replicaA = await startTeamsHarness({ store: createRedisConversationStore({ redis, prefix }) });
    // Replica A's fake connector stands for the Bot Connector both replicas post to.
    const replicaB = await startTeamsHarness({ store: createRedisConversationStore({ redis, prefix }), serviceUrls: [replicaA.connector.serviceUrl] });
    try {
      await replicaA.send(replicaA.fixture('message-channel-mention', { text: '<at>ChatOps</at> link ops' }));
      await replicaB.app.platform.post('teams:ops', alert);
      expect(replicaA.connector.in('19:3f7a9c1e5b2d4f6a8c0e2b4d6f8a0c2e@thread.tacv2')).toHaveLength(1);
    } finally {
      await replicaA.close();
      await replicaB.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});
