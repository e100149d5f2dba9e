import type { Logger } from 'pino';
import { VendorError } from '../domain/errors.js';
import { errorSentence } from '../domain/said.js';
import { QuotaSpentError } from '../quota/quota-gate.js';
import { VendorBusyError } from '../quota/vendor-busy.js';
import { CapabilityMissingError } from '../sources/source.js';
import { maskPhones } from '../privacy/mask-phone.js';
import type { Reply } from '../reply/reply.js';
import type { CommandOutcome } from './types.js';
import { localized, type Translate } from '../i18n/index.js';

/** Titles keep "the vendor said no" apart from "the vendor could not be reached". */
const VENDOR_FAILURE = { refused: 'errors.refused', unavailable: 'errors.unavailable', nonsense: 'errors.nonsense' } as const;

export type Outcome = CommandOutcome;

/**
 * Turns anything a handler threw into a sentence for the asker, and logs what the
 * administrator needs: vendor refusals and outages with their detail (warn), bugs with their
 * stack (error). Secrets never reach here (adapters build messages without them) and phone
 * numbers are masked before logging.
 *
 * @example
 *   const { reply, outcome } = errorReply(error, 'queue', logger);
 */
export function errorReply(error: unknown, command: string, logger: Logger, t: Translate = localized('en').t): { reply: Reply; outcome: Outcome } {
  if (error instanceof VendorBusyError) {
    logger.warn({ command, vendorError: error.toLog() }, `/${command}: no ${error.vendor} slot in time; asked to try again in ${error.retryInSeconds} s`);
    const said = { command, vendor: error.vendor, seconds: error.retryInSeconds };
    return { outcome: 'vendor_error', reply: failure(t('errors.busy', said), t('errors.busyRetry', said), 'warning') };
  }
  if (error instanceof VendorError) {
    logger.warn({ command, vendorError: error.toLog() }, `/${command}: ${error.vendor} ${error.kind} (${error.reason})`);
    return {
      outcome: 'vendor_error',
      reply: failure(
        t(VENDOR_FAILURE[error.kind], { command, vendor: error.vendor }),
        errorSentence(error, t),
        error.kind === 'refused' ? 'warning' : 'danger',
      ),
    };
  }
  if (error instanceof QuotaSpentError) {
    logger.warn({ command, token: error.tokenKey }, `/${command}: daily quota spent, nothing cached`);
    return { outcome: 'vendor_error', reply: failure(t('errors.quotaSpent', { command }), errorSentence(error, t), 'warning') };
  }
  if (error instanceof CapabilityMissingError) {
    return { outcome: 'not_available', reply: failure(t('errors.notAvailable', { command }), errorSentence(error, t), 'normal') };
  }
  const described = error instanceof Error ? error : new Error(String(error));
  logger.error(
    { command, err: { name: described.name, message: maskPhones(described.message), stack: maskPhones(described.stack ?? '') } },
    `/${command} failed`,
  );
  return { outcome: 'error', reply: failure(t('errors.failed', { command }), t('errors.somethingWrong'), 'danger') };
}

function failure(title: string, summary: string, tone: Reply['tone']): Reply {
  return { title, summary, visibility: 'private', tone };
}
