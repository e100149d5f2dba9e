import type { VendorErrorKind, VendorErrorReason } from '../../src/domain/errors.js';
import type { Said } from '../../src/domain/said.js';
import { vendorMessage } from '../vendor-message.js';

/**
 * The vendor's documented error sentences. wolkvox answers them with an HTTP status and, on some
 * endpoints, with HTTP 200 and the status repeated in the envelope's `code`. Where the sentence
 * sits (`error` or `msg`) is not documented, so the whole body is searched.
 */
export const WOLKVOX_ERRORS = {
  unknownApi: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
  missingParameters: 'SOME PARAMETERS ARE REQUIRED',
  missingToken: 'PLEASE ENTER THE WOLKVOX-TOKEN',
  quotaSpent: 'TOKEN LIMIT EXCEEDED',
  tooManyConcurrent: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN',
  invalidToken: 'PLEASE VALIDATE TOKEN',
} as const;

/**
 * (unknown) The vendor's words for a date range over 31 days are not documented. The adapter
 * never asks for one (ranges are split), so this only matters if the limit shrinks: one pattern
 * to correct when a live account shows the real sentence.
 */
export const RANGE_TOO_LONG_PATTERN = /31\s*DAYS|DATE RANGE|RANGO DE FECHAS/i;

/** (inferred) How a report says "nothing in this range" when it does not answer 404. */
export const NO_DATA_PATTERN = /\bno data\b|\bno records\b|\b0 records\b|sin datos|no se encontraron|no hay datos/i;

export interface WolkvoxClassification {
  kind: Extract<VendorErrorKind, 'refused' | 'unavailable'>;
  reason: VendorErrorReason;
  said?: Said;
  detail?: string;
}

/**
 * Reads a non-200 answer (HTTP status, or the envelope's `code` inside an HTTP 200). Returns
 * undefined for what the shared HTTP client already reads well (5xx, 404, 429).
 *
 * @example
 *   classifyWolkvoxAnswer(403, '{"code":403,"msg":"TOKEN LIMIT EXCEEDED"}')
 *   // -> { kind: 'refused', reason: 'quota-spent', ... }
 */
export function classifyWolkvoxAnswer(status: number, bodyText: string): WolkvoxClassification | undefined {
  const upper = bodyText.toUpperCase();
  const said = vendorSentence(bodyText);
  const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (upper.includes(WOLKVOX_ERRORS.quotaSpent)) {
    return {
      kind: 'refused',
      reason: 'quota-spent',
      detail,
      said: { key: 'vendorError.wolkvox.quotaSpent' },
    };
  }
  if (upper.includes(WOLKVOX_ERRORS.tooManyConcurrent)) {
    return {
      kind: 'refused',
      reason: 'too-many-concurrent',
      detail,
      said: { key: 'vendorError.wolkvox.tooManyConcurrent' },
    };
  }
  if (upper.includes(WOLKVOX_ERRORS.missingToken) || upper.includes(WOLKVOX_ERRORS.invalidToken)) {
    return {
      kind: 'refused',
      reason: 'auth',
      detail,
      said: { key: 'vendorError.wolkvox.auth' },
    };
  }
  if (upper.includes(WOLKVOX_ERRORS.unknownApi) || upper.includes(WOLKVOX_ERRORS.missingParameters)) {
    return { kind: 'refused', reason: 'bad-request', detail };
  }
  if (RANGE_TOO_LONG_PATTERN.test(bodyText)) {
    return { kind: 'refused', reason: 'range-too-long', detail };
  }
  if (status === 403) {
    // A 403 without a known sentence is what the vendor sends during maintenance windows.
    return {
      kind: 'unavailable',
      reason: 'maintenance',
      detail: `${detail} (no known reason: taken as a maintenance window)`,
      said: { key: 'vendorError.wolkvox.maintenance' },
    };
  }
  if (status === 401) return { kind: 'refused', reason: 'auth', detail };
  if (status === 400) return { kind: 'refused', reason: 'bad-request', detail };
  return undefined;
}

/** True when a report's answer means "no records in this range" rather than a failure. */
export function isNoDataAnswer(status: number, bodyText: string): boolean {
  return status === 404 || NO_DATA_PATTERN.test(vendorSentence(bodyText));
}

/** The vendor's own words (`error` / `msg`) from a JSON body, else a flattened snippet. */
export function vendorSentence(bodyText: string): string {
  return vendorMessage(bodyText, (body) => [body.error, body.msg]);
}
