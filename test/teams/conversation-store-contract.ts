import { describe, expect, it } from 'vitest';
import type { ConversationStore, TeamsConversationRef } from '../../src/platforms/teams/conversation-store.js';

export const channel: TeamsConversationRef = {
  id: '19:3f7a9c1e5b2d4f6a8c0e2b4d6f8a0c2e@thread.tacv2',
  kind: 'channel',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  channelId: 'msteams',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  bot: { id: '28:b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', name: 'ChatOps' },
  name: 'Supervisores',
  savedAt: '2026-11-21T14:00:00.000Z',
};
export const personal: TeamsConversationRef = {
  ...channel,
  id: 'a:1kN3rB8vQ2xY7zT5uW9oP4sL6mJ0hG1fD3cE8aR2bV7nX5qZ',
  kind: 'personal',
  user: { id: '29:1Xp9', aadObjectId: '6b8a4c2e' },
};

/** The behaviour every ConversationStore shares (memory, Redis, Sentinel, Cluster). */
export function conversationStoreContract(name: string, make: () => ConversationStore) {
  describe(`${name} conversation store`, () => {
    it('gives back a saved reference by conversation id, and nothing for an unknown id', async () => {
      const store = make();
      await store.save(channel);
      expect(await store.get(channel.id)).toEqual(channel);
      expect(await store.get('19:unknown@thread.tacv2')).toBeUndefined();
    });

    it('lists every saved reference once, the latest save winning', async () => {
      const store = make();
      await store.save(channel);
      await store.save(personal);
      await store.save({ ...channel, name: 'Supervisores Bogotá' });
      const listed = await store.list();
      expect(listed).toHaveLength(2);
      expect(listed.find((r) => r.id === channel.id)?.name).toBe('Supervisores Bogotá');
    });

    it('marks a reference stale with its reason, until it is saved again', async () => {
      const store = make();
      await store.save(channel);
      await store.markStale(channel.id, 'ConversationNotFound');
      expect((await store.get(channel.id))?.stale).toMatchObject({ reason: 'ConversationNotFound' });
      await store.save(channel);
      expect((await store.get(channel.id))?.stale).toBeUndefined();
      await store.markStale('19:unknown@thread.tacv2', 'ConversationNotFound');
      expect(await store.get('19:unknown@thread.tacv2')).toBeUndefined();
    });

    it('resolves aliases regardless of case, the latest binding winning', async () => {
      const store = make();
      await store.alias('Ops', channel.id);
      expect(await store.resolveAlias('ops')).toBe(channel.id);
      expect(await store.resolveAlias('OPS')).toBe(channel.id);
      await store.alias('ops', personal.id);
      expect(await store.resolveAlias('ops')).toBe(personal.id);
      expect(await store.resolveAlias('other')).toBeUndefined();
    });

    it('refuses an alias that could be mistaken for a conversation id', async () => {
      const store = make();
      await expect(store.alias('19:x', channel.id)).rejects.toThrow(/not a valid alias/);
      expect(await store.resolveAlias('19:x')).toBeUndefined();
    });

    it('hands out copies, so a caller editing one does not change the store', async () => {
      const store = make();
      await store.save(channel);
      const got = await store.get(channel.id);
      got!.name = 'changed';
      expect((await store.get(channel.id))?.name).toBe('Supervisores');
    });
  });
}
