import type { VendorHttpOptions } from '../http/vendor-http.js';
import type { VendorErrorReason } from '../../src/domain/errors.js';
import type { Said } from '../../src/domain/said.js';
import { snippet } from '../../src/reply/format.js';
import { vendorMessage } from '../vendor-message.js';

/** The vendor's name in sentences supervisors read. */
export const VENDOR_NAME = 'VCC Live';

type Refinement = ReturnType<NonNullable<VendorHttpOptions['classifyStatus']>>;

/**
 * Reads the `errors` of a VCC Live envelope into short texts. Their shape is undocumented: strings,
 * or objects with `message`/`error`/`code`, are all handled.
 */
export function errorTexts(errors: readonly unknown[]): string[] {
  return errors.map((entry) => {
    if (typeof entry === 'string') return entry;
    if (entry && typeof entry === 'object') {
      const fields = entry as Record<string, unknown>;
      const message = fields.message ?? fields.error ?? fields.msg ?? fields.description;
      const code = fields.code ?? fields.status;
      if (typeof message === 'string') return code !== undefined ? `${String(code)}: ${message}` : message;
    }
    return JSON.stringify(entry) ?? String(entry);
  });
}

/**
 * VCC Live's reading of a non-2xx answer, for `createVendorHttp({ classifyStatus })`.
 *
 * @example
 *   createVendorHttp({ ..., classifyStatus: classifyVccliveStatus({ projectId: '822' }) });
 */
export function classifyVccliveStatus(context: { projectId: string }): NonNullable<VendorHttpOptions['classifyStatus']> {
  return (status, bodyText): Refinement => {
    const said = vendorMessage(bodyText, (body) => (Array.isArray(body.errors) ? errorTexts(body.errors) : []));
    const detail = `HTTP ${status}${said ? `: ${said}` : ''}`;
    if (status === 401) {
      return {
        kind: 'refused',
        reason: 'auth',
        detail,
        // With every auth failure, the IP ranges VCC Live admits: the usual cause on a new server with a good token.
        said: { key: 'vendorError.vcclive.credentials' },
      };
    }
    if (status === 403) {
      return {
        kind: 'refused',
        reason: 'auth',
        detail,
        said: { key: 'vendorError.vcclive.forbidden', values: { project: context.projectId } },
      };
    }
    if (status === 404) {
      return {
        kind: 'refused',
        reason: 'not-found',
        detail,
        said: { key: 'vendorError.vcclive.notFound', values: { project: context.projectId } },
      };
    }
    if (status === 429) {
      return { kind: 'refused', reason: 'rate-limited', detail, said: { key: 'vendorError.vcclive.rateLimited' } };
    }
    if (status >= 500) {
      return {
        kind: 'unavailable',
        reason: 'server-error',
        detail,
        said: { key: 'vendorError.vcclive.serverError', values: { status } },
      };
    }
    return undefined;
  };
}

/** How a refusal inside an HTTP 200 (`errors` not empty) reads, guessed from its words. */
export function refusalOfErrors(errors: readonly unknown[]): { reason: VendorErrorReason; said: Said; detail: string } {
  const said = snippet(errorTexts(errors).join(' / '));
  const detail = `HTTP 200 with errors: ${said}`;
  if (/auth|credential|token|password|permission|forbidden|denied|not allowed|\bip\b/i.test(said)) {
    return {
      reason: 'auth',
      detail,
      said: { key: 'vendorError.vcclive.refusedAuth', values: { said } },
    };
  }
  if (/too many|rate|limit exceeded|throttl/i.test(said)) {
    return { reason: 'rate-limited', detail, said: { key: 'vendorError.vcclive.refusedRate', values: { said } } };
  }
  if (/not found|no such|unknown|does not exist/i.test(said)) {
    return {
      reason: 'not-found',
      detail,
      said: { key: 'vendorError.vcclive.refusedNotFound', values: { said } },
    };
  }
  return { reason: 'bad-request', detail, said: { key: 'vendorError.vcclive.refused', values: { said } } };
}
