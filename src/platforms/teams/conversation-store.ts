import { normalizeAlias } from '../../domain/channel-alias.js';

/**
 * Where the bot keeps what it needs to talk in a Teams conversation later (alerts, summaries,
 * private answers): plain JSON, no SDK types, so the Redis copy survives an SDK change.
 */
export interface TeamsConversationRef {
  /** Conversation id without a `;messageid=` thread suffix: posting to it starts a new post. */
  id: string;
  kind: 'personal' | 'groupChat' | 'channel';
  /** The Bot Connector base URL Teams gave for this conversation (differs by region). */
  serviceUrl: string;
  channelId: string;
  tenantId?: string;
  bot: { id: string; name?: string };
  /** The user of a personal (1:1) chat; not kept for channels and group chats. */
  user?: { id: string; aadObjectId?: string; name?: string };
  /** Channel, team or chat name when Teams said. */
  name?: string;
  teamId?: string;
  /** ISO time of the install or message that gave this reference. */
  savedAt: string;
  /** Set when Teams said the bot can no longer post here (removed, conversation gone). */
  stale?: { reason: string; at: string };
}

/**
 * Conversation references and channel aliases (`@Bot link ops` binds `teams:ops`).
 * Saving a reference clears its stale mark: a fresh install or message proves it works again.
 *
 * @example
 *   const store = createMemoryConversationStore();
 *   await store.save(ref);
 *   await store.alias('ops', ref.id);
 *   const id = await store.resolveAlias('OPS'); // ref.id: aliases ignore case
 */
export interface ConversationStore {
  save(ref: TeamsConversationRef): Promise<void>;
  get(id: string): Promise<TeamsConversationRef | undefined>;
  /** Marks a stored reference unusable; unknown ids are ignored. */
  markStale(id: string, reason: string): Promise<void>;
  /** Binds an alias to a conversation id, replacing any earlier binding of that alias. */
  alias(name: string, id: string): Promise<void>;
  resolveAlias(name: string): Promise<string | undefined>;
  list(): Promise<TeamsConversationRef[]>;
}

export { normalizeAlias };

/** Throws a clear error for a name that cannot be an alias (the stores' shared rule). */
export function requireAlias(name: string): string {
  const alias = normalizeAlias(name);
  if (!alias) throw new Error(`"${name}" is not a valid alias: use letters, digits, "-" or "_" (at most 64), starting with a letter or digit`);
  return alias;
}

/**
 * One-process store, for local development and tests. References are lost on restart, so
 * proactive posts need a new install or message after each start.
 */
export function createMemoryConversationStore(): ConversationStore {
  const refs = new Map<string, TeamsConversationRef>();
  const aliases = new Map<string, string>();
  return {
    async save(ref) {
      refs.set(ref.id, structuredClone(ref));
    },
    async get(id) {
      const ref = refs.get(id);
      return ref && structuredClone(ref);
    },
    async markStale(id, reason) {
      const ref = refs.get(id);
      if (ref) ref.stale = { reason, at: new Date().toISOString() };
    },
    async alias(name, id) {
      aliases.set(requireAlias(name), id);
    },
    async resolveAlias(name) {
      const alias = normalizeAlias(name);
      return alias === undefined ? undefined : aliases.get(alias);
    },
    async list() {
      return [...refs.values()].map((ref) => structuredClone(ref));
    },
  };
}
