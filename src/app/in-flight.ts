import type { CommandInput, CommandOutcome, CommandRouter } from '../router/types.js';
import type { Reply } from '../reply/reply.js';

type Answered = { reply: Reply; outcome: CommandOutcome };

/** A router that always says how the command ended. */
export type InFlightRouter = CommandRouter & { run(input: CommandInput): Promise<Answered> };

/** Counts commands being answered, so shutdown can wait for them (bounded). */
export function trackInFlight(inner: CommandRouter): { router: InFlightRouter; drain(timeoutMs: number): Promise<boolean> } {
  let running = 0;
  let idle: Array<() => void> = [];
  const run = async (input: CommandInput): Promise<Answered> => {
    running++;
    try {
      return inner.run ? await inner.run(input) : { reply: await inner.handle(input), outcome: 'ok' };
    } finally {
      running--;
      if (running === 0) {
        for (const wake of idle) wake();
        idle = [];
      }
    }
  };
  const router = {
    commandsFor: (asker: CommandInput['asker']) => inner.commandsFor(asker),
    run,
    handle: async (input: CommandInput) => (await run(input)).reply,
  };
  return {
    router,
    drain(timeoutMs) {
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idle.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
