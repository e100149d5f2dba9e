import type { Logger } from '../../log/logger.js';
import type { Reply, ReplyButton } from '../../reply/reply.js';
import { localized } from '../../i18n/index.js';
import type { CommandRouter } from '../../router/types.js';
import type { GroupLookup } from './asker.js';
import type { LocaleLookup } from './user-locale.js';
import { MAX_BUTTON_VALUE } from './buttons.js';
import type { Respond } from './respond.js';

/** What the command and button receivers share. */
export interface ListenerDeps {
  router: CommandRouter;
  respond: Respond;
  groupsOf: GroupLookup;
  /** The user's language (users.info, cached), so answers come in it. */
  localeOf: LocaleLookup;
  logger: Logger;
  /** How long an answer may take and still be the ack itself. */
  ackBudgetMs: number;
  /** Keeps late deliveries visible to `stop()`, which waits for them. */
  track: (work: Promise<unknown>) => void;
}

/**
 * The buttons an interactive answer gets on top of its own: "Refresh" on answers about live
 * data that brought none, and "Share in channel" on answers that may be shared. The share
 * button re-runs the same command text as Refresh (the router's normalised text) when there is
 * one. Private answers (transcripts, help, errors) and the results of actions (`/alerts ack`,
 * whose Share would acknowledge again) never get a Share button.
 *
 * @example
 *   withAnswerButtons({ title: 'Queue', context: { asOf }, visibility: 'public' }, '/queue bogota').buttons
 *   // [{ label: 'Refresh', action: 'run', … }, { label: 'Share in channel', action: 'share', … }]
 */
export function withAnswerButtons(reply: Reply, commandText: string): Reply {
  const { t } = localized(reply.locale);
  const own = reply.buttons ?? [];
  const refresh = own.find((b) => b.action === 'run' && b.label === t('button.refresh'))?.value;
  const extra: ReplyButton[] = [];
  if (!own.some((b) => b.action === 'run') && reply.context?.asOf && commandText.length <= MAX_BUTTON_VALUE) {
    extra.push({ label: t('button.refresh'), action: 'run', value: commandText });
  }
  const shareable = !reply.actionResult && (reply.visibility === 'public' || (reply.visibility === undefined && reply.context?.asOf !== undefined));
  const shareText = refresh ?? commandText;
  if (shareable && !own.some((b) => b.action === 'share') && shareText.length <= MAX_BUTTON_VALUE) {
    extra.push({ label: t('button.share'), action: 'share', value: shareText });
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
