import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, recordingRouter, startTeamsHarness, type TeamsHarness } from './harness.js';
import { cardTexts, validateTeamsCard } from './card-validator.js';

const ANA = { platform: 'teams', userId: '6b8a4c2e-3f1d-4e5a-9b7c-1d2e3f4a5b6c', displayName: 'Ana Gómez', locale: 'es-CO' };
const CHANNEL = '19:3f7a9c1e5b2d4f6a8c0e2b4d6f8a0c2e@thread.tacv2';
const CHANNEL_THREAD = `${CHANNEL};messageid=1763733940222`;
const PERSONAL = 'a:1kN3rB8vQ2xY7zT5uW9oP4sL6mJ0hG1fD3cE8aR2bV7nX5qZ';

let harness: TeamsHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startTeamsHarness>[0] = {}) {
  harness = await startTeamsHarness(options);
  return harness;
}

describe('Teams commands', () => {
  it('answers "queue" typed in a 1:1 chat with a card replying to the message', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    const res = await h.send(h.fixture('message-personal'));
    expect(res.status).toBe(200);
    expect(router.inputs).toEqual([
      { text: 'queue', asker: ANA, venue: 'direct', progress: expect.any(Function), conversation: { link: expect.any(Function) } },
    ]);
    const [sent] = h.connector.activities;
    expect(sent).toMatchObject({ method: 'POST', conversationId: PERSONAL, activityId: '1763733731111' });
    expect(validateTeamsCard(cardOf(sent!.activity))).toEqual([]);
    expect(cardTexts(cardOf(sent!.activity))[0]).toBe('Queue');
  });

  it('strips the bot mention in a channel and answers in the thread', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    await h.send(h.fixture('message-channel-mention'));
    expect(router.inputs).toEqual([
      { text: 'queue bogota', asker: ANA, venue: 'channel', progress: expect.any(Function), conversation: { link: expect.any(Function) } },
    ]);
    expect(h.connector.activities[0]).toMatchObject({ conversationId: CHANNEL_THREAD, activityId: '1763733940222' });
    expect(cardTexts(cardOf(h.connector.activities[0]!.activity))[0]).toBe('Queue — bogota');
  });

  it('takes "/agents" after a mention in a group chat, as a channel venue', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    await h.send(h.fixture('message-groupchat'));
    expect(router.inputs[0]).toMatchObject({ text: '/agents', venue: 'channel', asker: { userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } });
  });

  it('answers a bare mention with help', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    await h.send(h.fixture('message-channel-mention', { text: '<at>ChatOps</at>&nbsp;' }));
    expect(router.inputs[0]?.text).toBe('help');
  });

  it('acknowledges a message at once and answers when a slow command finishes', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = recordingRouter();
    const handle = slow.handle;
    slow.handle = async (input) => {
      await gate;
      return handle(input);
    };
    const h = await start({ router: slow });
    // Straight to the endpoint: harness.send would wait for the turn to end.
    const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(h.fixture('message-personal')) });
    expect(res.status).toBe(200);
    expect(h.connector.activities).toEqual([]);
    release();
    await h.connector.waitForActivities(1);
    expect(cardTexts(cardOf(h.connector.activities[0]!.activity))[0]).toBe('Queue');
  });

  it('answers every command with an Adaptive Card 1.5 that Teams renders', async () => {
    const h = await start();
    const commands = ['queue', '/queue bogota', 'agents', 'transcript 8812', 'help', 'nonsense'];
    for (const text of commands) await h.send(h.fixture('message-personal', { text }));
    const sent = await h.connector.waitForActivities(commands.length);
    for (const activity of sent) {
      expect(activity.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateTeamsCard(cardOf(activity.activity))).toEqual([]);
      expect(activity.activity.summary).toBeTruthy();
    }
  });

  it('replaces the card in place when its Refresh button (Action.Submit) is pressed', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    await h.send(h.fixture('message-card-submit'));
    expect(router.inputs[0]).toMatchObject({ text: '/queue bogota page 2', venue: 'channel' });
    const [update] = h.connector.activities;
    expect(update).toMatchObject({ method: 'PUT', conversationId: CHANNEL_THREAD, activityId: '1763733950999' });
    expect(validateTeamsCard(cardOf(update!.activity))).toEqual([]);
  });

  it('answers an adaptiveCard/action invoke with the new card in the invoke response', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    const res = await h.send(h.fixture('invoke-adaptive-card-action'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(validateTeamsCard(res.body.value)).toEqual([]);
    expect(router.inputs[0]).toMatchObject({ text: '/queue', venue: 'direct' });
    expect(h.connector.activities).toEqual([]);
  });

  it('sends a transcript asked for in a channel to the asker 1:1 chat and tells the channel', async () => {
    const h = await start();
    await h.send(h.fixture('message-channel-mention', { text: '<at>ChatOps</at> transcript 8812' }));
    expect(h.connector.created).toHaveLength(1);
    expect(h.connector.created[0]!.parameters).toMatchObject({
      isGroup: false,
      members: [{ id: '29:1Xp9cZsvA2sW1nq0bYq4mLg3f8uR5iKo7T2aDfH6jE0wQ' }],
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    const personalId = h.connector.created[0]!.id;
    const [privately] = h.connector.in(personalId);
    expect(cardTexts(cardOf(privately!.activity))[0]).toBe('Transcript 8812');
    const [notice] = h.connector.in(CHANNEL_THREAD);
    expect(notice!.activity.text).toBe('Sent to you privately.');
    expect(cardOf(notice!.activity)).toBeUndefined();
    expect(await h.store.get(personalId)).toMatchObject({ kind: 'personal', user: { aadObjectId: ANA.userId } });
  });

  it('shows a private answer right there in a 1:1 chat', async () => {
    const h = await start();
    await h.send(h.fixture('message-personal', { text: 'transcript 8812' }));
    expect(h.connector.created).toEqual([]);
    expect(cardTexts(cardOf(h.connector.in(PERSONAL)[0]!.activity))[0]).toBe('Transcript 8812');
  });
});

describe('Teams channel links', () => {
  it('binds "@Bot link ops" to the channel, so teams:ops posts there as a new post', async () => {
    const h = await start();
    await h.send(h.fixture('message-channel-mention', { text: '<at>ChatOps</at> link Ops' }));
    expect(await h.store.resolveAlias('ops')).toBe(CHANNEL);
    expect(cardTexts(cardOf(h.connector.activities[0]!.activity))[0]).toBe('Linked as ops');
    const ref = await h.app.platform.post('teams:ops', { title: 'Queue too long', tone: 'danger' });
    const post = h.connector.activities[1]!;
    expect(post).toMatchObject({ method: 'POST', conversationId: CHANNEL });
    expect(post.activityId).toBeUndefined();
    expect(ref).toBe(`teams:${CHANNEL}/${post.id}`);
  });
});

describe('Teams alert buttons', () => {
  it('sends Acknowledge to the router as a button press in the name of whoever pressed it, answering in the thread', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    await h.send(h.fixture('message-card-submit', { value: { chatops: { action: 'ack', value: 'queue-long:bogota' } } }));
    expect(router.inputs).toEqual([{ action: 'ack', text: 'queue-long:bogota', asker: ANA, venue: 'channel' }]);
    expect(h.connector.activities[0]).toMatchObject({ method: 'POST', conversationId: CHANNEL_THREAD, activityId: 'f:1763734170444' });
  });

  it('sends Silence to the router as a button press carrying rule:duration', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    await h.send(h.fixture('message-card-submit', { value: { chatops: { action: 'silence', value: 'queue-long:1h' } } }));
    expect(router.inputs[0]).toMatchObject({ action: 'silence', text: 'queue-long:1h' });
  });

  it('answers an alert button invoke with a short message, leaving the alert card as it is', async () => {
    const router = recordingRouter();
    const h = await start({ router });
    const invoke = h.fixture('invoke-adaptive-card-action');
    const res = await h.send({ ...invoke, value: { action: { type: 'Action.Execute', data: { chatops: { action: 'ack', value: 'a-1' } } } } });
    expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Unknown command — Try help (you wrote "a-1")' });
  });
});

describe('Teams request authentication', () => {
  it('refuses a request without a Bot Framework token (401) when an app id is set', async () => {
    const router = recordingRouter();
    const h = await start({ router, appId: '00000000-0000-4000-8000-000000000001', allowAnonymous: true });
    expect(h.app.anonymous).toBe(false);
    expect((await h.send(h.fixture('message-personal'))).status).toBe(401);
    expect((await h.send(h.fixture('message-personal'), { authorization: 'Bearer not.a.token' })).status).toBe(401);
    expect(router.inputs).toEqual([]);
    expect(h.connector.requests).toEqual([]);
  });

  it('refuses every request when no app id is set outside local development', async () => {
    const router = recordingRouter();
    const h = await start({ router, allowAnonymous: false });
    expect(h.app.anonymous).toBe(false);
    expect((await h.send(h.fixture('message-personal'))).status).toBe(401);
    expect(router.inputs).toEqual([]);
    expect(h.logs.some((l) => l.level === 20 && /MICROSOFT_APP_ID is not set/.test(l.msg))).toBe(true);
  });

  it('says so loudly (an error line) at start when it accepts unsigned requests', async () => {
    const h = await start();
    expect(h.app.anonymous).toBe(true);
    expect(h.logs.some((l) => l.level === 50 && /AUTHENTICATION IS OFF/.test(l.msg))).toBe(true);
  });

  it('answers 400 to a body that is not an activity and 405 to other methods', async () => {
    const h = await start();
    expect((await h.send('not an activity')).status).toBe(400);
    expect((await h.send({ text: 'no type' })).status).toBe(400);
    expect((await fetch(h.url)).status).toBe(405);
  });
});
