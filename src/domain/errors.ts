import { inEnglish, type Said } from './said.js';

/**
 * Every error the bot names, with its `code` from one list (as bolt-js's `ErrorCode`): the
 * error boundary, metrics and logs decide by code, never by message.
 *
 * Vendor codes come in three kinds, kept apart because supervisors and the quota gate treat them
 * differently:
 * - `refused`: the vendor answered and said no (auth, quota spent, too many simultaneous
 *   requests, bad request, not found). Never retried.
 * - `unavailable`: we could not get an answer (network, timeout, 5xx, maintenance). GETs retry.
 * - `nonsense`: the vendor answered something we cannot read (malformed JSON, HTML, schema
 *   mismatch, truncated or oversized body).
 * The core's own codes say what the bot itself decided (budget spent, capability missing, bad
 * usage, access denied, shared store down); platform codes what Slack or Teams did with a post.
 */
export const VENDOR_ERROR_CODES = {
  auth: 'refused',
  'quota-spent': 'refused',
  'too-many-concurrent': 'refused',
  'rate-limited': 'refused',
  'bad-request': 'refused',
  'not-found': 'refused',
  'range-too-long': 'refused',
  network: 'unavailable',
  timeout: 'unavailable',
  'server-error': 'unavailable',
  maintenance: 'unavailable',
  malformed: 'nonsense',
  html: 'nonsense',
  schema: 'nonsense',
  truncated: 'nonsense',
  'too-large': 'nonsense',
} as const satisfies Record<string, VendorErrorKind>;

export const CORE_ERROR_CODES = ['budget-spent', 'capability-missing', 'usage', 'access-denied', 'shared-store-down'] as const;

/**
 * What a chat platform's refusal of a post or update means to the outbox: `retry` (throttled,
 * perhaps after a pause the platform named, or unreachable) or `give-up` (refused, or a channel
 * reference that can never work).
 */
export const PLATFORM_ERROR_CODES = {
  'platform-throttled': 'retry',
  'platform-unavailable': 'retry',
  'platform-refused': 'give-up',
  'bad-channel-reference': 'give-up',
} as const;

export type VendorErrorKind = 'refused' | 'unavailable' | 'nonsense';
export type VendorErrorReason = keyof typeof VENDOR_ERROR_CODES;
export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_CODES;
export type ErrorCode = VendorErrorReason | (typeof CORE_ERROR_CODES)[number] | PlatformErrorCode;

/**
 * The one error type of the bot. `userMessage` is a sentence for a supervisor (in English);
 * `said`, when the sentence comes from the catalog, is its key and values, so the reply says it
 * in the asker's language; `message` (and `detail` of vendor errors) is for the log. None may
 * contain a token or a customer phone number.
 *
 * @example
 *   throw new BotError('usage', 'transcript needs an id', 'Give the conversation id: /transcript 12345');
 *   throw new BotError('capability-missing', 'queue not available', { key: 'vendorError.notAvailable', values: { vendor, source } });
 */
export class BotError extends Error {
  readonly userMessage: string;
  readonly said?: Said;

  constructor(
    readonly code: ErrorCode,
    message: string,
    userMessage: string | Said,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BotError';
    if (typeof userMessage === 'string') this.userMessage = userMessage;
    else {
      this.said = userMessage;
      this.userMessage = inEnglish(userMessage);
    }
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}

export interface VendorErrorInit {
  kind: VendorErrorKind;
  reason: VendorErrorReason;
  /** Source id (configuration name), e.g. `bogota`. */
  source: string;
  /** Vendor name for sentences, e.g. `wolkvox`. */
  vendor: string;
  /** Which endpoint, without query secrets, e.g. `real_time.php?api=chats`. */
  endpoint?: string;
  status?: number;
  /** The sentence for a supervisor, as written (English); `said` (the catalog's) is preferred. */
  userMessage?: string;
  /** The sentence for a supervisor as a message key; without it nor `userMessage`, the reason's default. */
  said?: Said;
  detail: string;
  /** Seconds the vendor asked us to wait (Retry-After), when it said. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * A vendor call failed. Build `said` (or `userMessage`) and `detail` from status codes and vendor
 * messages only, never from URLs or headers (tokens live there). Without either sentence, the
 * reason's default is said.
 *
 * @example
 *   throw new VendorError({ kind: 'refused', reason: 'auth', source: 'bogota', vendor: 'wolkvox', status: 401,
 *     detail: 'HTTP 401 from real_time.php' });
 */
export class VendorError extends BotError {
  declare readonly code: VendorErrorReason;
  readonly kind: VendorErrorKind;
  readonly reason: VendorErrorReason;
  readonly source: string;
  readonly vendor: string;
  readonly endpoint?: string;
  readonly status?: number;
  readonly detail: string;
  readonly retryAfterSeconds?: number;

  constructor(init: VendorErrorInit) {
    super(
      init.reason,
      `${init.vendor} (${init.source}) ${init.kind}/${init.reason}: ${init.detail}`,
      init.said ?? init.userMessage ?? defaultSaid(init.vendor, init.reason),
      { cause: init.cause },
    );
    this.name = 'VendorError';
    this.kind = init.kind;
    this.reason = init.reason;
    this.source = init.source;
    this.vendor = init.vendor;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Plain object for structured logs. */
  toLog(): Record<string, unknown> {
    return {
      code: this.code,
      kind: this.kind,
      reason: this.reason,
      source: this.source,
      vendor: this.vendor,
      endpoint: this.endpoint,
      status: this.status,
      detail: this.detail,
    };
  }
}

export function isVendorError(error: unknown): error is VendorError {
  return error instanceof VendorError;
}

/** The default sentence per reason, as a message key; adapters may pass a more precise one. */
export function defaultSaid(vendor: string, reason: VendorErrorReason): Said {
  return { key: DEFAULT_KEYS[reason], values: { vendor } };
}

const DEFAULT_KEYS = {
  auth: 'vendorError.auth',
  'quota-spent': 'vendorError.quotaSpent',
  'too-many-concurrent': 'vendorError.tooManyConcurrent',
  'rate-limited': 'vendorError.rateLimited',
  'bad-request': 'vendorError.badRequest',
  'not-found': 'vendorError.notFound',
  'range-too-long': 'vendorError.rangeTooLong',
  network: 'vendorError.network',
  timeout: 'vendorError.timeout',
  'server-error': 'vendorError.serverError',
  maintenance: 'vendorError.maintenance',
  malformed: 'vendorError.unreadable',
  html: 'vendorError.unreadable',
  schema: 'vendorError.unreadable',
  truncated: 'vendorError.unreadable',
  'too-large': 'vendorError.tooLarge',
} as const satisfies Record<VendorErrorReason, Said['key']>;

/** The default sentence per reason, in English (logs, `userMessage`). */
export function defaultUserMessage(vendor: string, reason: VendorErrorReason): string {
  return inEnglish(defaultSaid(vendor, reason));
}
