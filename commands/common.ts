import type { Fetched, Source } from '../src/sources/source.js';
import type { ReplyButton, ReplyContext } from '../src/reply/reply.js';
import { UsageError, type CommandContext } from '../src/router/types.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';

/** "Bogotá (wolkvox)": which operation answered, in every reply's context line. */
export function sourceName(source: Source): string {
  return `${source.label} (${source.vendor})`;
}

/**
 * The context line of a reply built from vendor data: which source, as of when, and why it is
 * old when it is.
 *
 * @example
 *   context: sourceContext(source, fetched, 'page 2 of 3')
 */
export function sourceContext(source: Source, fetched: Pick<Fetched<unknown>, 'asOf' | 'stale' | 'staleReason'>, note?: string): ReplyContext {
  return {
    source: sourceName(source),
    asOf: fetched.asOf,
    staleReason: fetched.stale ? (fetched.staleReason ?? 'the vendor did not answer; showing the last answer') : undefined,
    timeZone: source.timeZone,
    note,
  };
}

/** "Refresh": runs the same command again (same page). */
export function refreshButton(ctx: CommandContext, fallback: string): ReplyButton {
  const text = ctx.commandText ?? fallback;
  return { label: 'Refresh', action: 'run', value: ctx.page && ctx.page > 1 ? `${text} page:${ctx.page}` : text };
}

/** "Next page": the same command with `page:N`. */
export function nextPageButton(ctx: CommandContext, fallback: string, page: number): ReplyButton {
  return { label: 'Next page', action: 'run', value: `${ctx.commandText ?? fallback} page:${page}`, style: 'primary' };
}

/** The usage error for a word the command does not take: most often a mistyped source name. */
export function unexpectedArgument(ctx: CommandContext, command: string, arg: string): UsageError {
  const ids = ctx.sources.all().map((s) => s.id);
  if (ids.length > 1) return new UsageError(`"${echo(arg)}" is not a source here.${didYouMean(arg, ids)} Sources: ${ids.join(', ')}.`);
  return new UsageError(`/${command} does not take "${echo(arg)}".${didYouMean(arg, ids)}`);
}

/** Capitalised first letter, for labels built from domain words ("busy" -> "Busy"). */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Said in the context line of an answer whose counts are lower bounds (`lowerBound` of the
 * domain figures): the vendor holds more records than the bot reads for one answer.
 */
export const LOWER_BOUND_NOTE =
  'counts are lower bounds: the vendor holds more records than the bot reads for one answer (an administrator can raise maxPages)';

/** "at least 10,000" when the figure is a lower bound, else the figure as written. */
export function atLeast(formatted: string, lowerBound: boolean | undefined): string {
  return lowerBound && formatted !== '—' ? `at least ${formatted}` : formatted;
}
