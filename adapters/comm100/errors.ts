import { VendorError } from '../../src/domain/errors.js';
import type { VendorHttpOptions } from '../http/vendor-http.js';
import { redactSecrets } from '../../src/log/redact.js';
import { redactSaid } from '../http/vendor-http.js';
import { vendorMessage } from '../vendor-message.js';

/** The vendor's documented per-IP limit, quoted to supervisors when Comm100 answers 429. */
export const COMM100_RATE_LIMIT = { calls: 300, windowMinutes: 5 } as const;

type Classified = ReturnType<NonNullable<VendorHttpOptions['classifyStatus']>>;

/**
 * Reads a non-2xx Comm100 answer: 401/403 credentials, 429 rate limit (per client IP),
 * 404 no such record, 400 a request the bot got wrong, 5xx the vendor's trouble (retried).
 * The body's own message, when it has one, goes into the detail for the log.
 *
 * @example
 *   createVendorHttp({ ..., classifyStatus: classifyComm100Status })
 */
export function classifyComm100Status(status: number, bodyText: string): Classified {
  const said = comm100Message(bodyText);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status === 401 || status === 403) {
    return {
      kind: 'refused',
      reason: 'auth',
      detail,
      said: { key: status === 401 ? 'vendorError.comm100.credentials' : 'vendorError.comm100.permission' },
    };
  }
  if (status === 429) {
    return {
      kind: 'refused',
      reason: 'rate-limited',
      detail,
      said: { key: 'vendorError.comm100.rateLimited', values: { calls: COMM100_RATE_LIMIT.calls, minutes: COMM100_RATE_LIMIT.windowMinutes } },
    };
  }
  if (status === 404) return { kind: 'refused', reason: 'not-found', detail };
  if (status >= 500) return { kind: 'unavailable', reason: 'server-error', detail };
  if (status >= 400) return { kind: 'refused', reason: 'bad-request', detail };
  return undefined;
}

/** A short message from a JSON error body (the first of `message`, `error_description`, `error`...), else a snippet. */
export function comm100Message(bodyText: string): string {
  return vendorMessage(bodyText, (body) =>
    MESSAGE_FIELDS.map((key) => body[key])
      .filter((value) => typeof value === 'string' && value)
      .slice(0, 1),
  );
}

const MESSAGE_FIELDS = ['message', 'Message', 'error_description', 'error', 'title'];

/**
 * The shared client redacts the secrets it was given at creation; OAuth access and refresh
 * tokens arrive later, so every error leaving the Comm100 adapter is redacted again with the
 * secrets known now.
 */
export function redactVendorError(error: VendorError, secrets: readonly string[]): VendorError {
  if (secrets.length === 0) return error;
  return new VendorError({
    kind: error.kind,
    reason: error.reason,
    source: error.source,
    vendor: error.vendor,
    endpoint: error.endpoint,
    status: error.status,
    userMessage: error.said ? undefined : redactSecrets(error.userMessage, secrets),
    said: error.said && redactSaid(error.said, secrets),
    detail: redactSecrets(error.detail, secrets),
    retryAfterSeconds: error.retryAfterSeconds,
    cause: error.cause instanceof Error ? new Error(redactSecrets(error.cause.message, secrets)) : undefined,
  });
}
