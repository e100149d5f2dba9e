import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import type { VendorAdapter } from '../../adapters/port.js';
import { parseConfigText } from '../../src/config/load.js';
import { demoSourceSchema } from '../../src/config/source-schemas.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource } from '../../src/sources/source.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from './harness.js';
import { cardTexts, readTexts, validateTeamsCard } from './card-validator.js';
import { routerOver } from '../support/router-kit.js';

/** 11:30 in Bogotá, the demo's busy hour. */
const NOW = new Date('2026-11-17T16:30:00Z');
const ANA_AAD = '6b8a4c2e-3f1d-4e5a-9b7c-1d2e3f4a5b6c';

let harness: TeamsHarness;
let adapter: VendorAdapter;
let closeGate: () => Promise<void>;

beforeAll(async () => {
  const config = parseConfigText(
    `
sources:
  demo: { vendor: demo, seed: 42, timeZone: America/Bogota, label: Demo contact center }
access:
  supervisors: { teamsUsers: [${ANA_AAD}] }
`,
    {},
  ).config;
  adapter = createDemoAdapter({ ...demoSourceSchema.parse({ vendor: 'demo', seed: 42, timeZone: 'America/Bogota' }), id: 'demo' }, { now: () => NOW });
  const gate = createMemoryQuotaGate({ now: () => NOW.getTime() });
  closeGate = () => gate.close();
  const source = createSource({
    adapter,
    gate,
    label: 'Demo contact center',
    token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone },
  });
  const router = routerOver([source], { config, now: () => NOW });
  harness = await startTeamsHarness({ router });
});

afterAll(async () => {
  await harness.close();
  await closeGate();
  await adapter.close?.();
});

describe('Teams with the real commands on the demo contact center', () => {
  it('answers every command with an Adaptive Card 1.5 that Teams renders, under 28 KB', async () => {
    const chat = (await adapter.activeChats!())[0]!;
    const asked = [
      '/queue',
      'queue',
      'agents',
      '/agents page:2',
      'today',
      'handoffs',
      'handoffs yesterday',
      'alerts',
      'help',
      `transcript ${chat.id}`,
      'transcript',
      'nonsense',
    ];
    const before = harness.connector.activities.length;
    for (const text of asked) {
      const res = await harness.send(harness.fixture('message-personal', { text }));
      expect(res.status).toBe(200);
    }
    const sent = harness.connector.activities.slice(before);
    expect(sent).toHaveLength(asked.length);
    sent.forEach((activity, i) => {
      const card = cardOf(activity.activity);
      expect(validateTeamsCard(card), `card for "${asked[i]}"`).toEqual([]);
      expect(JSON.stringify(card)).not.toMatch(/"action":"share"/);
    });
    // The documented activities come from a client in es-CO (activity.locale): answers are in Spanish.
    expect(cardTexts(cardOf(sent[0]!.activity))[0]).toContain('Cola');
  });

  it('pages the roster in place when Next page is pressed', async () => {
    const before = harness.connector.activities.length;
    await harness.send(harness.fixture('message-personal', { text: 'agents' }));
    const first = cardOf(harness.connector.activities[before]!.activity);
    const next = first.actions.find((a: { title: string }) => /siguiente/i.test(a.title));
    expect(next.data.chatops).toMatchObject({ action: 'run' });
    await harness.send(harness.fixture('message-card-submit', { value: next.data, replyToId: harness.connector.activities[before]!.id }));
    const update = harness.connector.activities[before + 1]!;
    expect(update).toMatchObject({ method: 'PUT', activityId: harness.connector.activities[before]!.id });
    expect(cardTexts(cardOf(update.activity)).join('\n')).toContain('página 2 de');
  });

  it("sends a transcript asked for in a channel to the supervisor's 1:1 chat", async () => {
    const chat = (await adapter.activeChats!())[0]!;
    const created = harness.connector.created.length;
    await harness.send(harness.fixture('message-channel-mention', { text: `<at>ChatOps</at> transcript ${chat.id}` }));
    const personal = harness.connector.created[created]!.id;
    const [privately] = harness.connector.in(personal).slice(-1);
    expect(readTexts(cardOf(privately!.activity))[0]).toContain(`Transcripción ${chat.id}`);
    const notice = harness.connector.activities.at(-1)!;
    expect(notice.activity.text).toBe('Sent to you privately.');
  });

  it('refuses Acknowledge from someone who is not a supervisor, telling only them', async () => {
    const created = harness.connector.created.length;
    const groupChat = harness.fixture('message-groupchat');
    await harness.send({ ...groupChat, text: undefined, value: { chatops: { action: 'ack', value: 'queue-long:demo' } }, replyToId: '1763734020000' });
    const personal = harness.connector.created[created]!;
    expect(personal.parameters.members[0].id).toBe(groupChat.from.id);
    const [refusal] = harness.connector.in(personal.id).slice(-1);
    expect(cardTexts(cardOf(refusal!.activity))).toEqual(['Not available to you', expect.stringMatching(/for supervisors/)]);
    expect(harness.connector.in(groupChat.conversation.id).at(-1)!.activity.text).toBe('Sent to you privately.');
  });

  it('links a channel for a supervisor only, through the router: a bad name gets its usage, others are refused, nothing is bound for them', async () => {
    const mention = (text: string, from?: Record<string, unknown>) =>
      harness.fixture('message-channel-mention', { text: `<at>ChatOps</at> ${text}`, ...(from ? { from } : {}) });
    const channel = mention('link x').conversation.id.split(';')[0];
    const lastCard = () => readTexts(cardOf(harness.connector.activities.at(-1)!.activity));
    // Usage help and refusals go to the asker alone: the newest card anywhere.
    const lastCardAnywhere = () => readTexts(cardOf(harness.connector.activities.filter((a) => a.activity.attachments?.length).at(-1)!.activity));

    await harness.send(mention('link ops:main'));
    expect(lastCardAnywhere().join(' ')).toMatch(/cannot be a link name: use letters, digits/);
    expect(await harness.store.resolveAlias('ops:main')).toBeUndefined();

    const someone = { ...mention('x').from, aadObjectId: '00000000-0000-0000-0000-00000000beef', name: 'Not a supervisor' };
    const privately = harness.connector.created.length;
    await harness.send(mention('link night-desk', someone));
    expect(await harness.store.resolveAlias('night-desk')).toBeUndefined();
    expect(harness.connector.created.length).toBeGreaterThan(privately);
    // The router's refusal speaks the client's language (es-CO in the documented activity).
    expect(lastCardAnywhere().join(' ')).toMatch(/para supervisores/);

    await harness.send(mention('link Night-Desk'));
    expect(lastCard()[0]).toBe('Linked as night-desk');
    expect(await harness.store.resolveAlias('night-desk')).toBe(channel);
  });
});
