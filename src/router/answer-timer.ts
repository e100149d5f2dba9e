/**
 * When a command's answer is due: `start` calls `onDue` once the answer may wait no longer,
 * unless the returned cancel runs first. Injected so tests decide when the deadline passes,
 * without a clock.
 *
 * @example
 *   createRouter({ ..., answerTimer: answerAfter(settings.answerWithinMs) });
 */
export interface AnswerTimer {
  /** The allowance, for a "try again in about N s" when nothing better is known. */
  readonly withinMs: number;
  start(onDue: () => void): () => void;
}

/** CHATOPS_ANSWER_WITHIN's default and least value. */
export const ANSWER_WITHIN_MS = 30_000;
export const ANSWER_WITHIN_MIN_MS = 5_000;

/** The timer the bot runs with: due after `ms`; the timer never holds the process open. */
export function answerAfter(ms: number = ANSWER_WITHIN_MS): AnswerTimer {
  return {
    withinMs: ms,
    start(onDue) {
      const timer = setTimeout(onDue, ms);
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
