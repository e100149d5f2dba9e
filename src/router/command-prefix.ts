import type { Reply } from '../reply/reply.js';

/**
 * An optional prefix on the slash commands (`cc-` makes `/cc-queue`, `/cc-help`...), so the bot's
 * commands do not clash with other apps in a shared Slack workspace. One setting,
 * SLACK_COMMAND_PREFIX: the Slack manifest is generated with it (`npm run slack:manifest`) and
 * the router accepts the prefixed names (and the plain ones), and shows the prefixed ones in help.
 */
export const COMMAND_PREFIX_PATTERN = /^[a-z][a-z0-9_-]{0,19}$/;

/** The prefix as written, checked; undefined when unset. Throws a message that says how to fix it. */
export function commandPrefixOf(text: string | undefined): string | undefined {
  const prefix = text?.trim();
  if (!prefix) return undefined;
  if (!COMMAND_PREFIX_PATTERN.test(prefix)) {
    throw new Error(`SLACK_COMMAND_PREFIX must be lower-case letters, digits, "-" or "_" (at most 20, starting with a letter), such as "cc-", not "${text}"`);
  }
  return prefix;
}

/**
 * The command name without the prefix, when it is one of `names` with the prefix in front:
 * `cc-queue` -> `queue`; anything else unchanged.
 */
export function unprefixed(name: string, prefix: string | undefined, names: ReadonlySet<string>): string {
  if (!prefix || !name.startsWith(prefix)) return name;
  const bare = name.slice(prefix.length);
  return names.has(bare) ? bare : name;
}

/**
 * The command names as people type them here, built once from the prefix (SLACK_COMMAND_PREFIX,
 * the one place it is set) and the commands' names. Without a prefix every function returns what
 * it was given.
 *
 * @example
 *   const typed = commandNaming('cc-', new Set(['queue', 'transcript']));
 *   typed.command('/transcript 123'); // "/cc-transcript 123"
 */
export interface CommandNaming {
  /** A command text with its leading `/name` as typed here: `/transcript 123` -> `/cc-transcript 123`. */
  command(text: string): string;
  /**
   * The reply with the commands it names written as typed here: the value of every button that
   * runs or shares a command (the text rendering shows it: `[Refresh: /cc-queue]`; the router
   * takes both names), and with `inText` also every `/name` in the text people read (help,
   * usage, suggestions: text the bot wrote, never a vendor's, where a customer may type "/queue").
   */
  reply(reply: Reply, inText: boolean): Reply;
}

export function commandNaming(prefix: string | undefined, names: Iterable<string>): CommandNaming {
  if (!prefix) return { command: (text) => text, reply: (reply) => reply };
  const alternatives = [...names].map(escapeRegExp).join('|');
  const anywhere = new RegExp(`(^|[^\\w/-])/(${alternatives})(?![\\w-])`, 'g');
  const leading = new RegExp(`^/(${alternatives})(?![\\w-])`);
  const fix = (text: string) => text.replace(anywhere, (_m, before: string, name: string) => `${before}/${prefix}${name}`);
  const command = (text: string) => text.replace(leading, (_m, name: string) => `/${prefix}${name}`);
  return {
    command,
    reply(reply, inText) {
      const buttons = reply.buttons?.map((b) => (b.action === 'run' || b.action === 'share' ? { ...b, value: command(b.value) } : b));
      if (!inText) return reply.buttons ? { ...reply, buttons } : reply;
      return {
        ...reply,
        title: fix(reply.title),
        summary: reply.summary === undefined ? undefined : fix(reply.summary),
        fields: reply.fields?.map((f) => ({ ...f, value: fix(f.value) })),
        sections: reply.sections?.map((s) => ({ ...s, heading: s.heading === undefined ? undefined : fix(s.heading), text: fix(s.text) })),
        buttons,
      };
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
