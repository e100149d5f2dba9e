import type { VendorHttpOptions } from '../http/vendor-http.js';
import type { VendorErrorReason } from '../../src/domain/errors.js';
import { snippet } from '../../src/reply/format.js';
import { vendorMessage } from '../vendor-message.js';

/** The vendor's name in sentences supervisors read. */
export const VENDOR_NAME = 'VCC Live';

/** Said with every auth failure because it is the usual cause on a new server that has a good token. */
const IP_RANGE_HINT =
  "VCC Live only admits API calls from IP ranges registered with it, so also check that this server's outgoing IP address is registered for the account";

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
        userMessage: `VCC Live did not accept the bot's credentials (HTTP 401). Ask your administrator to check the account name and API token in the configuration. ${IP_RANGE_HINT}.`,
      };
    }
    if (status === 403) {
      return {
        kind: 'refused',
        reason: 'auth',
        detail,
        userMessage: `VCC Live refused the bot's call (HTTP 403). ${IP_RANGE_HINT}, and that the API token may read project ${context.projectId}.`,
      };
    }
    if (status === 404) {
      return {
        kind: 'refused',
        reason: 'not-found',
        detail,
        userMessage: `VCC Live does not know what the bot asked for (HTTP 404). Ask your administrator to check the account name and projectId ${context.projectId} in the configuration.`,
      };
    }
    if (status === 429) {
      return { kind: 'refused', reason: 'rate-limited', detail, userMessage: 'VCC Live asked the bot to slow down (HTTP 429). Try again in a minute.' };
    }
    if (status >= 500) {
      return {
        kind: 'unavailable',
        reason: 'server-error',
        detail,
        userMessage: `VCC Live is having trouble right now (HTTP ${status}). Try again in a minute.`,
      };
    }
    return undefined;
  };
}

/** How a refusal inside an HTTP 200 (`errors` not empty) reads, guessed from its words. */
export function refusalOfErrors(errors: readonly unknown[]): { reason: VendorErrorReason; userMessage: string; detail: string } {
  const said = snippet(errorTexts(errors).join(' / '));
  const detail = `HTTP 200 with errors: ${said}`;
  if (/auth|credential|token|password|permission|forbidden|denied|not allowed|\bip\b/i.test(said)) {
    return {
      reason: 'auth',
      detail,
      userMessage: `VCC Live refused the bot's call: "${said}". Ask your administrator to check the API token. ${IP_RANGE_HINT}.`,
    };
  }
  if (/too many|rate|limit exceeded|throttl/i.test(said)) {
    return { reason: 'rate-limited', detail, userMessage: `VCC Live asked the bot to slow down: "${said}". Try again in a minute.` };
  }
  if (/not found|no such|unknown|does not exist/i.test(said)) {
    return {
      reason: 'not-found',
      detail,
      userMessage: `VCC Live said: "${said}". Ask your administrator to check the account and projectId in the configuration.`,
    };
  }
  return { reason: 'bad-request', detail, userMessage: `VCC Live refused the request: "${said}". It has been logged for the administrator.` };
}
