import type { Logger } from '../../log/logger.js';
import type { Reply, ReplyButton } from '../../reply/reply.js';
import type { AlertService } from '../../watcher/alert-service.js';
import type { Asker, CommandInput, CommandRouter } from '../../router/types.js';
import type { GroupLookup } from './asker.js';
import { MAX_BUTTON_VALUE } from './buttons.js';
import type { Respond } from './respond.js';

/** What the command and button listeners share. */
export interface ListenerDeps {
  router: CommandRouter;
  respond: Respond;
  groupsOf: GroupLookup;
  logger: Logger;
  /** How long an answer may take and still be the ack itself. */
  ackBudgetMs: number;
  alerts?: AlertService;
  /** Whether this asker may acknowledge or silence alerts. */
  mayActOnAlerts: (asker: Asker) => boolean;
  /** Keeps late deliveries visible to `stop()`, which waits for them. */
  track: (work: Promise<unknown>) => void;
}

/**
 * Runs a command through the router and always comes back with a Reply: a router that throws
 * still gives the supervisor an answer, and the failure goes to the log.
 */
export async function runCommand(deps: ListenerDeps, input: CommandInput): Promise<Reply> {
  try {
    return await deps.router.handle(input);
  } catch (error) {
    deps.logger.error({ err: error, command: input.text.split(/\s/)[0], user: input.asker.userId }, 'command failed inside the router');
    return { title: 'Something went wrong', summary: 'The command failed on our side. Try again in a minute; if it keeps failing, tell the bot\'s operators.', tone: 'danger', visibility: 'private' };
  }
}

/**
 * The buttons an interactive answer gets on top of its own: "Refresh" on answers about live
 * data that brought none, and "Share in channel" on answers that may be shared. The share
 * button re-runs the same command text as Refresh (the router's normalised text) when there is
 * one. Private answers (transcripts, help, errors) never get a Share button.
 *
 * @example
 *   withAnswerButtons({ title: 'Queue', context: { asOf }, visibility: 'public' }, '/queue bogota').buttons
 *   // [{ label: 'Refresh', action: 'run', … }, { label: 'Share in channel', action: 'share', … }]
 */
export function withAnswerButtons(reply: Reply, commandText: string): Reply {
  const own = reply.buttons ?? [];
  const refresh = own.find((b) => b.action === 'run' && b.label === 'Refresh')?.value;
  const extra: ReplyButton[] = [];
  if (!own.some((b) => b.action === 'run') && reply.context?.asOf && commandText.length <= MAX_BUTTON_VALUE) {
    extra.push({ label: 'Refresh', action: 'run', value: commandText });
  }
  const shareable = reply.visibility === 'public' || (reply.visibility === undefined && reply.context?.asOf !== undefined);
  const shareText = refresh ?? commandText;
  if (shareable && !own.some((b) => b.action === 'share') && shareText.length <= MAX_BUTTON_VALUE) {
    extra.push({ label: 'Share in channel', action: 'share', value: shareText });
  }
  return extra.length ? { ...reply, buttons: [...own, ...extra] } : reply;
}

/** Resolves after `ms`, unless cancelled; the timer never holds the process open. */
export function budget(ms: number): { elapsed: Promise<'late'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref();
  });
  return { elapsed, cancel: () => clearTimeout(timer) };
}
