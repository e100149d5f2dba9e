import { localized } from '../i18n/index.js';
import type { CommandContext, CommandDefinition } from './types.js';

/**
 * Starts watching one answer: calls `onSlow` once the answer counts as slow, unless the returned
 * cancel runs first. Injected so tests decide when work is slow, without a clock.
 *
 * @example
 *   createRouter({ ..., progressTimer: progressAfter(2_000) });
 */
export type ProgressTimer = (onSlow: () => void) => () => void;

/** An answer still being worked on after this long gets a progress line. */
export const PROGRESS_AFTER_MS = 2_000;

/** The timer the bot runs with: slow after `ms`; the timer never holds the process open. */
export function progressAfter(ms: number = PROGRESS_AFTER_MS): ProgressTimer {
  return (onSlow) => {
    const timer = setTimeout(onSlow, ms);
    timer.unref();
    return () => clearTimeout(timer);
  };
}

/**
 * The progress line of a slow answer: "Looking… (searching up to 7 days of Bogotá)", from what
 * the command says it is doing, else the source it is asking.
 */
export function progressNote(command: CommandDefinition, ctx: CommandContext): string {
  let doing: string | undefined;
  try {
    doing = command.working?.(ctx);
  } catch {
    doing = undefined;
  }
  const { t } = localized(ctx.asker.locale);
  return t('progress.looking', { doing: doing ?? t('progress.asking', { source: ctx.sources.primary().label }) });
}

/**
 * Runs `work`; if it is still running when the timer says it is slow, `tell` gets the note once.
 * A failing `tell` never fails the answer.
 */
export async function withProgress<T>(work: () => Promise<T>, timer: ProgressTimer, tell: (() => void) | undefined): Promise<T> {
  if (!tell) return work();
  let done = false;
  const cancel = timer(() => {
    if (done) return;
    try {
      tell();
    } catch {
      /* a progress line is a courtesy */
    }
  });
  try {
    return await work();
  } finally {
    done = true;
    cancel();
  }
}
