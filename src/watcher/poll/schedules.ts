import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../../log/logger.js';

/** Something running on a schedule; `stop` forgets it. */
export interface Scheduled {
  stop(): void;
}

/** A source's poll schedule when its configuration sets none: what its vendor advises (wolkvox: every 5 minutes), else every minute. */
export function defaultPollCron(source: { defaultPoll?: string }): string {
  return source.defaultPoll ?? '* * * * *';
}

/** True when node-cron accepts the expression. */
export function isValidCron(expression: string): boolean {
  return cron.validate(expression);
}

/** node-cron's log lines into ours (it would print to the console). */
function cronLogger(logger: Logger) {
  return {
    info: (message: string) => logger.debug({ scheduler: 'node-cron' }, message),
    warn: (message: string) => logger.warn({ scheduler: 'node-cron' }, message),
    error: (message: string | Error, err?: Error) => logger.error({ scheduler: 'node-cron', err: err?.message }, String(message)),
    debug: (message: string | Error) => logger.debug({ scheduler: 'node-cron' }, String(message)),
  };
}

/**
 * Runs `run` on a node-cron expression in a time zone, never two runs at once (a slow vendor
 * skips a tick rather than stacking polls). `run` gets the scheduled instant.
 *
 * @example
 *   const task = onCron({ expression: '* * * * *', timeZone: 'UTC', name: 'poll:bogota', run, logger });
 */
export function onCron(options: { expression: string; timeZone?: string; name: string; run: (at: Date) => Promise<void>; logger: Logger }): Scheduled {
  const task: ScheduledTask = cron.schedule(
    options.expression,
    async (ctx) => {
      try {
        await options.run(ctx.date);
      } catch (error) {
        options.logger.error({ err: (error as Error).message, task: options.name }, 'watcher: a scheduled run failed');
      }
    },
    { timezone: options.timeZone, name: options.name, noOverlap: true, logger: cronLogger(options.logger) },
  );
  return { stop: () => void task.destroy() };
}

/**
 * Runs `run` every `intervalMs` of real time, never two at once: the short schedules tests use
 * instead of cron's one-second resolution.
 */
export function onInterval(options: { intervalMs: number; name: string; run: () => Promise<void>; logger: Logger }): Scheduled {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    options
      .run()
      .catch((error: unknown) => options.logger.error({ err: (error as Error).message, task: options.name }, 'watcher: a scheduled run failed'))
      .finally(() => {
        busy = false;
      });
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Runs `run` when a cron expression matches the time of an injected clock, looking every
 * `tickMs` of real time at each second the clock passed since the last look (at most the last
 * hour). Tests drive summaries with it; production uses `onCron`.
 */
export function onClockCron(options: {
  expression: string;
  timeZone?: string;
  tickMs: number;
  now: () => Date;
  name: string;
  run: (at: Date) => Promise<void>;
  logger: Logger;
}): Scheduled {
  const matcher = cron.createTask(options.expression, () => undefined, { timezone: options.timeZone, logger: cronLogger(options.logger) });
  let last = Math.floor(options.now().getTime() / 1000);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    const current = Math.floor(options.now().getTime() / 1000);
    const from = Math.max(last + 1, current - 3600);
    last = Math.max(last, current);
    const due: Date[] = [];
    for (let s = from; s <= current; s++) if (matcher.match(new Date(s * 1000))) due.push(new Date(s * 1000));
    if (due.length === 0) return;
    busy = true;
    (async () => {
      for (const at of due) await options.run(at);
    })()
      .catch((error: unknown) => options.logger.error({ err: (error as Error).message, task: options.name }, 'watcher: a scheduled run failed'))
      .finally(() => {
        busy = false;
      });
  }, options.tickMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      void matcher.destroy();
    },
  };
}
