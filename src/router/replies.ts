import type { Reply } from '../reply/reply.js';
import { clip } from '../reply/format.js';
import { maskPhones } from '../privacy/mask-phone.js';
import { inertText } from '../reply/inert-text.js';
import type { CommandDefinition, ExampleFacts, SourceDirectory } from './types.js';
import { hasMessage, localized, type Translate } from '../i18n/index.js';

const english = localized('en').t;

/** A command's help line in the asker's language (the definition's own words when no message has it). */
export function summaryOf(command: CommandDefinition, t: Translate = english): string {
  const key = `command.${command.name}.summary`;
  return hasMessage(key) ? t(key) : command.summary;
}

/** How a command is written, its placeholders in the asker's language: `/queue [fuente]`. */
export function usageOf(command: CommandDefinition, t: Translate = english): string {
  const key = `command.${command.name}.usage`;
  return hasMessage(key) ? t(key) : command.usage;
}

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
export function usageReply(command: CommandDefinition, problem: string, facts: ExampleFacts, t: Translate = english): Reply {
  const examples = examplesOf(command, facts);
  return {
    title: t('usage.title', { command: command.name }),
    summary: problem,
    fields: [{ label: t('usage.usage'), value: usageOf(command, t) }],
    sections: examples.length ? [{ heading: t('usage.examples'), text: examples.join('\n') }] : undefined,
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
export function commandListReply(
  commands: CommandDefinition[],
  sources: SourceDirectory,
  title: string,
  facts: ExampleFacts,
  summary?: string,
  t: Translate = english,
): Reply {
  const all = sources.all();
  return {
    title,
    summary: summary ?? (commands.some((c) => !c.openToAll) ? undefined : t('help.noCommands')),
    sections: commands.map((command) => {
      const examples = examplesOf(command, facts);
      return {
        heading: usageOf(command, t),
        text: [summaryOf(command, t), examples.length ? t('help.examples', { examples: examples.join(' · ') }) : ''].filter(Boolean).join('\n'),
      };
    }),
    context: all.length > 1 ? { note: t('help.sources', { sources: all.map((s) => `${s.id} (${s.label}, ${s.vendor})`).join(', ') }) } : undefined,
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
