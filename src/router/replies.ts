import type { Reply } from '../reply/reply.js';
import { clip } from '../reply/format.js';
import { maskPhones } from '../privacy/mask-phone.js';
import type { CommandDefinition, SourceDirectory } from './types.js';

/**
 * The answer to bad arguments: what was wrong, how the command is written, and examples.
 *
 * @example
 *   usageReply(transcriptCommand, 'Which chat? Give its conn_id.');
 */
export function usageReply(command: CommandDefinition, problem: string): Reply {
  return {
    title: `How to use /${command.name}`,
    summary: problem,
    fields: [{ label: 'Usage', value: command.usage }],
    sections: command.examples.length ? [{ heading: 'Examples', text: command.examples.join('\n') }] : undefined,
    visibility: 'private',
    tone: 'warning',
  };
}

/**
 * The list of commands (for `/help` and unknown commands), one section per command with its
 * usage, summary and examples, and the sources a command may name.
 *
 * @example
 *   commandListReply(router.commandsFor(asker), sources, 'Commands you can run');
 */
export function commandListReply(commands: CommandDefinition[], sources: SourceDirectory, title: string, summary?: string): Reply {
  const all = sources.all();
  return {
    title,
    summary: summary ?? (commands.some((c) => !c.openToAll) ? undefined : 'There are no commands you may run here. Ask your administrator for access.'),
    sections: commands.map((command) => ({
      heading: command.usage,
      text: [command.summary, command.examples.length ? `Examples: ${command.examples.join(' · ')}` : ''].filter(Boolean).join('\n'),
    })),
    context:
      all.length > 1
        ? { note: `Sources: ${all.map((s) => `${s.id} (${s.label}, ${s.vendor})`).join(', ')}; the first is the default.` }
        : undefined,
    visibility: 'private',
  };
}

/** A command name or word the user typed, safe to quote back: short and with phones masked. */
export function echo(text: string): string {
  return clip(maskPhones(text), 40);
}
