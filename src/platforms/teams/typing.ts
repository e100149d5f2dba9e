import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Logger } from '../../log/logger.js';

/** Teams shows "typing…" for a few seconds after each typing activity: repeat while work goes on. */
const REPEAT_MS = 3_000;

/**
 * A typing indicator for a slow answer: `start` (the router's progress call) sends a `typing`
 * activity through the connector and repeats it until `stop` (the answer is ready). Best effort:
 * a failed typing activity is logged at debug and never fails the turn.
 *
 * @example
 *   const typing = typingIndicator(context, logger);
 *   try { reply = await router.handle({ ...input, progress: typing.start }); } finally { typing.stop(); }
 */
export function typingIndicator(context: TurnContext, logger: Logger): { start: () => void; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const send = () => {
    if (stopped) return;
    void context
      .sendActivity({ type: ActivityTypes.Typing })
      .catch((err: unknown) => logger.debug({ err: (err as Error).message }, 'Teams: a typing indicator was not sent'));
  };
  return {
    start() {
      if (stopped || timer) return;
      send();
      timer = setInterval(send, REPEAT_MS);
      timer.unref();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
