import { VendorError } from '../domain/errors.js';

/**
 * The quota gate's own "busy": no concurrency slot of the token came within the wait, or the
 * asker's answer deadline passed first. The vendor never saw the request, so it is not a vendor
 * failure: the HTTP client never retries it, and the asker hears when to try again.
 */
export class VendorBusyError extends VendorError {
  constructor(
    init: { source: string; vendor: string; endpoint?: string; detail: string },
    /** About when a slot should be free, from the recent slot waits of the token. */
    readonly retryInSeconds: number,
  ) {
    super({ kind: 'refused', reason: 'too-many-concurrent', ...init });
    this.name = 'VendorBusyError';
  }
}

/** Every asker of a fetch gave up (their deadlines passed): it sends and spends nothing more. */
export class FetchAbandoned extends Error {
  constructor(key: string) {
    super(`every asker of ${key} gave up: no further vendor request`);
    this.name = 'FetchAbandoned';
  }
}
