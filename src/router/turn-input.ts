import type { Translate } from '../i18n/index.js';
import { didYouMean } from '../util/suggest.js';
import type { ParsedCommand } from './parse.js';
import { echo } from './replies.js';
import { UsageError, type CommandDefinition, type CommandInput, type SourceDirectory } from './types.js';

// How the router reads an event: the command text it stands for, where the command exists, the source it names.

/**
 * The command text an event stands for: typed text as it is; Refresh and Share carry a command
 * text; Acknowledge carries an alert id and Silence `rule:duration` (the rule id may itself hold
 * `:`), which become `/alerts ack|silence`, so their access rule, limits and audit are the command's.
 */
export function commandTextOf(input: CommandInput): string {
  const value = input.text.trim();
  switch (input.action) {
    case 'ack':
      return `/alerts ack ${quoteIfNeeded(value)}`;
    case 'silence': {
      const colon = value.lastIndexOf(':');
      return colon > 0
        ? `/alerts silence ${quoteIfNeeded(value.slice(0, colon))} ${quoteIfNeeded(value.slice(colon + 1))}`
        : `/alerts silence ${quoteIfNeeded(value)}`;
    }
    default:
      return input.text;
  }
}

/** Whether the command exists where the asker typed it (`link` only in Teams). */
export function existsFor(command: CommandDefinition, asker: CommandInput['asker']): boolean {
  return !command.platforms || command.platforms.includes(asker.platform);
}

/**
 * A source named with `source:x`, or the first bare argument that names a configured source;
 * that argument is removed before the handler sees the rest. A bare word that names no source
 * stays an argument, for the handler to judge.
 */
export function pickSource(command: CommandDefinition, parsed: ParsedCommand, sources: SourceDirectory, t: Translate) {
  const args = [...parsed.args];
  if (command.usesSource === false) return { source: undefined, args };
  if (parsed.source !== undefined) {
    const source = sources.get(parsed.source);
    const ids = sources.all().map((s) => s.id);
    if (!source) throw new UsageError(t('common.noSuchSource', { arg: echo(parsed.source), hint: didYouMean(parsed.source, ids, '', t), ids: ids.join(', ') }));
    return { source, args };
  }
  const index = args.findIndex((arg, i) => !parsed.quoted[i] && sources.get(arg) !== undefined);
  if (index < 0) return { source: undefined, args };
  const source = sources.get(args[index]!)!;
  args.splice(index, 1);
  return { source, args };
}

export function quoteIfNeeded(arg: string): string {
  return /[\s"']/.test(arg) || arg === '' ? `"${arg.replace(/"/g, '')}"` : arg;
}
