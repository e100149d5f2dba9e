import type { Config } from '../config/schema.js';
import type { Reply } from '../reply/reply.js';
import type { Source } from '../sources/source.js';
import type { AlertService } from '../watcher/alert-service.js';

/** Who is asking, in platform terms. */
export interface Asker {
  platform: 'slack' | 'teams' | 'console';
  /** Slack user id (`U0123`), Teams AAD object id, or `console`. */
  userId: string;
  /** Slack user-group ids the user belongs to, when the platform told us. */
  groups?: string[];
  displayName?: string;
}

/** Where the command was typed: a direct (1:1) conversation, a channel or group, or the console. */
export type Venue = 'direct' | 'channel' | 'console';

export interface CommandInput {
  /** The raw text: `/queue bogota`, `queue bogota`, `transcript "abc 1"`. */
  text: string;
  asker: Asker;
  venue: Venue;
}

/** Everything a command handler may use. Injected so tests can build it. */
export interface CommandContext {
  /** Positional arguments after the command name, quotes removed. */
  args: string[];
  asker: Asker;
  venue: Venue;
  isSupervisor: boolean;
  /** The source chosen by name, or the only one, or the first (the default). */
  sources: SourceDirectory;
  config: Config;
  now: () => Date;
  /** Audit trail (transcript views). */
  audit: (entry: { action: string; target: string; asker: Asker }) => void;
  /** Present when the watcher runs: alert state for `/alerts`. */
  alerts?: AlertService;
}

export interface SourceDirectory {
  all(): Source[];
  get(id: string): Source | undefined;
  /** The default source when none is named. */
  primary(): Source;
}

/**
 * A command: one file each in `commands/`.
 *
 * @example
 *   export const queueCommand: CommandDefinition = {
 *     name: 'queue', summary: 'Waiting chats now', usage: '/queue [source]',
 *     examples: ['/queue', '/queue bogota'], access: 'everyone', handler: async (ctx) => ({ title: '…' }),
 *   };
 */
export interface CommandDefinition {
  name: string;
  /** One line for /help. */
  summary: string;
  /** `/transcript <conn_id> [source]`. */
  usage: string;
  examples: string[];
  access: 'everyone' | 'supervisor';
  handler: (ctx: CommandContext) => Promise<Reply>;
}

/** Thrown by a handler for bad arguments: the router answers with the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandRouter {
  handle(input: CommandInput): Promise<Reply>;
  /** The commands this asker may run, for /help and platform manifests. */
  commandsFor(asker: Asker): CommandDefinition[];
}
