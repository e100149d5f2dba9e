import type { Fetched, Source } from '../src/sources/source.js';
import type { ReplyButton, ReplyContext } from '../src/reply/reply.js';
import { UsageError, type CommandContext } from '../src/router/types.js';
import { echo } from '../src/router/replies.js';
import { didYouMean } from '../src/util/suggest.js';
import { localized, type Localized, type Translate } from '../src/i18n/index.js';
import { say } from '../src/domain/said.js';

/**
 * The asker's language: messages and number and date formats for the answer.
 *
 * @example
 *   const { t, fmt } = speech(ctx);
 *   t('queue.title', { source: source.label });
 */
export function speech(ctx: Pick<CommandContext, 'asker'>): Localized {
  return localized(ctx.asker.locale);
}

/** "Bogotá (wolkvox)": which operation answered, in every reply's context line. */
export function sourceName(source: Source): string {
  return `${source.label} (${source.vendor})`;
}

/**
 * The context line of a reply built from vendor data: which source, as of when, and why it is
 * old when it is.
 *
 * @example
 *   context: sourceContext(source, fetched, 'page 2 of 3', t)
 */
export function sourceContext(
  source: Source,
  fetched: Pick<Fetched<unknown>, 'asOf' | 'stale' | 'staleReason' | 'staleSaid' | 'retryInSeconds'>,
  note?: string,
  t: Translate = localized('en').t,
): ReplyContext {
  return {
    source: sourceName(source),
    asOf: fetched.asOf,
    staleReason: fetched.stale ? staleWords(source, fetched, t) : undefined,
    timeZone: source.timeZone,
    note,
  };
}

/** Why an old answer is shown, in the asker's words when the bot knows why (no vendor slot in time). */
function staleWords(source: Source, fetched: Pick<Fetched<unknown>, 'staleReason' | 'staleSaid' | 'retryInSeconds'>, t: Translate): string {
  if (fetched.retryInSeconds !== undefined) return t('context.busyLastAnswer', { vendor: source.vendor, seconds: fetched.retryInSeconds });
  if (fetched.staleSaid) return say(fetched.staleSaid, t);
  return fetched.staleReason ?? t('context.staleDefault');
}

/** "page 2 of 3" when there is more than one page. */
export function pageNote(page: { page: number; pageCount: number }, t: Translate): string | undefined {
  return page.pageCount > 1 ? t('context.page', { page: page.page, count: page.pageCount }) : undefined;
}

/** "Refresh": runs the same command again (same page). */
export function refreshButton(ctx: CommandContext, fallback: string): ReplyButton {
  const text = ctx.commandText ?? fallback;
  return { label: speech(ctx).t('button.refresh'), action: 'run', value: ctx.page && ctx.page > 1 ? `${text} page:${ctx.page}` : text };
}

/** "Next page": the same command with `page:N`. */
export function nextPageButton(ctx: CommandContext, fallback: string, page: number): ReplyButton {
  return { label: speech(ctx).t('button.nextPage'), action: 'run', value: `${ctx.commandText ?? fallback} page:${page}`, style: 'primary' };
}

/** The usage error for a word the command does not take: most often a mistyped source name. */
export function unexpectedArgument(ctx: CommandContext, command: string, arg: string): UsageError {
  const { t } = speech(ctx);
  const ids = ctx.sources.all().map((s) => s.id);
  const hint = didYouMean(arg, ids, '', t);
  if (ids.length > 1) return new UsageError(t('common.notASource', { arg: echo(arg), hint, ids: ids.join(', ') }));
  return new UsageError(t('common.doesNotTake', { command, arg: echo(arg), hint }));
}

/** Capitalised first letter, for labels built from domain words ("busy" -> "Busy"). */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Said in the context line of an answer whose counts are lower bounds (`lowerBound` of the
 * domain figures): the vendor holds more records than the bot reads for one answer.
 */
export const LOWER_BOUND_NOTE = localized('en').t('context.lowerBound');

/** "at least 10,000" when the figure is a lower bound, else the figure as written. */
export function atLeast(formatted: string, lowerBound: boolean | undefined, t: Translate = localized('en').t): string {
  return lowerBound && formatted !== '—' ? t('common.atLeast', { value: formatted }) : formatted;
}
