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
 * The reply with every `/name` of a known command written `/<prefix>name`, in the text people
 * read (help, usage, suggestions); button values stay as they are (the router takes both).
 */
export function withPrefixedNames(reply: Reply, prefix: string | undefined, names: Iterable<string>): Reply {
  if (!prefix) return reply;
  const pattern = new RegExp(`(^|[^\\w/-])/(${[...names].map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  const fix = (text: string) => text.replace(pattern, (_m, before: string, name: string) => `${before}/${prefix}${name}`);
  return {
    ...reply,
    title: fix(reply.title),
    summary: reply.summary === undefined ? undefined : fix(reply.summary),
    fields: reply.fields?.map((f) => ({ ...f, value: fix(f.value) })),
    sections: reply.sections?.map((s) => ({ ...s, heading: s.heading === undefined ? undefined : fix(s.heading), text: fix(s.text) })),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
