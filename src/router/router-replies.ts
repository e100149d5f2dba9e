import type { Reply } from '../reply/reply.js';
import type { Translate } from '../i18n/index.js';
import { maskPhones } from '../privacy/mask-phone.js';
import type { ParsedCommand } from './parse.js';
import { echo } from './replies.js';
import { quoteIfNeeded } from './turn-input.js';
import type { CommandDefinition } from './types.js';

// The answers the router gives itself: refusals, "not shared", "did you mean".

export function notShareable(t: Translate): Reply {
  return { title: t('router.notShared'), summary: t('router.notShareable'), visibility: 'private', tone: 'warning' };
}

export function notAnAnswerToShare(t: Translate): Reply {
  return { title: t('router.notShared'), summary: t('router.notAnAnswer'), visibility: 'private', tone: 'warning' };
}

export function denial(command: CommandDefinition, t: Translate): string {
  return command.access === 'supervisor' ? t('router.supervisorsOnly', { command: command.name }) : t('router.supervisorsHere');
}

/** "Did you mean /queue?" with a button that runs the corrected command. */
export function suggestion(typed: string, meant: string, parsed: ParsedCommand, t: Translate): Reply {
  const corrected = [`/${meant}`, ...parsed.args.map(quoteIfNeeded), ...(parsed.source ? [`source:${parsed.source}`] : [])].join(' ');
  // A button carries the text back verbatim: none when it holds what looks like a phone number.
  const runnable = maskPhones(corrected) === corrected && corrected.length <= 200;
  return {
    title: t('router.unknownCommand'),
    summary: t('router.didYouMean', { name: echo(typed), meant }),
    buttons: runnable ? [{ label: t('button.runIt'), action: 'run', value: corrected, style: 'primary' }] : undefined,
    visibility: 'private',
    tone: 'warning',
  };
}

export function refusal(message: string, t: Translate): Reply {
  return { title: t('router.notAvailable'), summary: message, visibility: 'private', tone: 'warning' };
}
