import type { ReplyButton } from '../../reply/reply.js';

/** Slack's limit on a button's `value`. */
export const MAX_BUTTON_VALUE = 2000;

const PREFIX = 'chatops';
const ACTIONS = ['run', 'share', 'ack', 'silence'] as const;
type Action = ReplyButton['action'];

/**
 * The `action_id` carries what the button does; the `value` carries only its argument (a
 * command text, an alert id, `rule:duration`), so values stay small. The index keeps ids unique
 * within one actions block, as Slack requires.
 *
 * @example
 *   actionId('run', 0)             // 'chatops:run:0'
 *   decodeAction('chatops:run:0')  // 'run'
 */
export function actionId(action: Action, index: number): string {
  return `${PREFIX}:${action}:${index}`;
}

/** The action a button id stands for, or undefined when the id is not one of ours. */
export function decodeAction(id: string): Action | undefined {
  const [prefix, action] = id.split(':');
  if (prefix !== PREFIX) return undefined;
  return (ACTIONS as readonly string[]).includes(action ?? '') ? (action as Action) : undefined;
}

/** Link buttons (`open`): Slack opens the address itself and still reports the press, which only needs an ack. */
export const LINK_ACTION_ID_PATTERN = /^chatops:open:\d+$/;

/** Matches every action id this bot renders (for Bolt's `app.action`). */
export const ACTION_ID_PATTERN = /^chatops:(run|share|ack|silence):\d+$/;
