import type { Reply } from '../reply/reply.js';
import { clip } from '../reply/format.js';
import { maskPhones } from '../privacy/mask-phone.js';
import { inertText } from '../reply/inert-text.js';
import type { CommandDefinition, ExampleFacts, SourceDirectory } from './types.js';

/** A command's examples for these facts. */
export function examplesOf(command: CommandDefinition, facts: ExampleFacts): string[] {
  return typeof command.examples === 'function' ? command.examples(facts) : command.examples;
}

/**
 * The answer to bad arguments: what was wrong, how the command is written, and examples.
 *
 * @example
 *   usageReply(transcriptCommand, 'Which chat? Give its conn_id.', { sources: ['demo'], rules: [] });
 */
export function usageReply(command: CommandDefinition, problem: string, facts: ExampleFacts): Reply {
  const examples = examplesOf(command, facts);
  return {
    title: `How to use /${command.name}`,
    summary: problem,
    fields: [{ label: 'Usage', value: command.usage }],
    sections: examples.length ? [{ heading: 'Examples', text: examples.join('\n') }] : undefined,
    visibility: 'private',
    tone: 'warning',
  };
}

/**
 * The list of commands (for `/help` and unknown commands), one section per command with its
 * usage, summary and examples, and the sources a command may name.
 *
 * @example
 *   commandListReply(router.commandsFor(asker), sources, 'Commands you can run', { sources: ['demo'], rules: [] });
 */
export function commandListReply(commands: CommandDefinition[], sources: SourceDirectory, title: string, facts: ExampleFacts, summary?: string): Reply {
  const all = sources.all();
  return {
    title,
    summary: summary ?? (commands.some((c) => !c.openToAll) ? undefined : 'There are no commands you may run here. Ask your administrator for access.'),
    sections: commands.map((command) => {
      const examples = examplesOf(command, facts);
      return {
        heading: command.usage,
        text: [command.summary, examples.length ? `Examples: ${examples.join(' · ')}` : ''].filter(Boolean).join('\n'),
      };
    }),
    context: all.length > 1 ? { note: `Sources: ${all.map((s) => `${s.id} (${s.label}, ${s.vendor})`).join(', ')}; the first is the default.` } : undefined,
    visibility: 'private',
  };
}

/**
 * A command name or word the user typed, safe to quote back: short, phones masked, and inert (no
 * link, mention or formatting can render from it). Replies that quote it are private.
 */
export function echo(text: string): string {
  return clip(inertText(maskPhones(text)), 40);
}
