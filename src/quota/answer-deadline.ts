import { AsyncLocalStorage } from 'node:async_hooks';

/** How long a person's command may take before it must answer with what there is. */
export interface AnswerDeadline {
  /** Aborts when the answer is due. */
  signal: AbortSignal;
  /** The whole allowance, for a "try again in about N s" with nothing better to go on. */
  withinMs: number;
}

const current = new AsyncLocalStorage<AnswerDeadline>();

/**
 * Runs `work` (a command's handler) under `deadline`: every quota gate call it makes, however
 * deep, gives up waiting for the vendor when the deadline passes and answers with the last value
 * (with its age) or a "busy, try again in about N s". The router calls this; commands never do.
 */
export function withinAnswerDeadline<T>(deadline: AnswerDeadline, work: () => Promise<T>): Promise<T> {
  return current.run(deadline, work);
}

/** The deadline of the command being answered, if any (the watcher's polls have none). */
export function answerDeadline(): AnswerDeadline | undefined {
  return current.getStore();
}
