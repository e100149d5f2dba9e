import { request } from 'undici';
import type { Logger } from '../../log/logger.js';
import type { SlackMessage } from './render-blocks.js';
import { snippet } from '../../reply/format.js';
import { hostOf } from '../../http/outbound-urls.js';

/** What may be sent to a `response_url` (valid 30 minutes, at most 5 posts). */
export type ResponsePayload = (SlackMessage & { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean }) | { delete_original: true };

export type Respond = (responseUrl: string, payload: ResponsePayload) => Promise<boolean>;

/**
 * Posts to a Slack `response_url`, only on Slack's hosts (or SLACK_API_URL's). Failures are logged and reported as `false`, never thrown:
 * by the time a late answer is ready nobody is waiting on the other end of the request.
 *
 * @example
 *   const respond = createRespond({ logger, timeoutMs: 10_000, allowed: responseUrlAllowList(apiUrl) });
 *   await respond(body.response_url, { response_type: 'ephemeral', replace_original: true, ...renderBlocks(reply) });
 */
export function createRespond(options: { logger: Logger; timeoutMs?: number; allowed: (url: string) => boolean }): Respond {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (responseUrl, payload) => {
    // Requests naming another host are refused on arrival (see admission.ts); this holds the line
    // for any path that did not ask.
    if (!options.allowed(responseUrl)) {
      options.logger.warn({ host: hostOf(responseUrl) }, 'Slack: not posting to a response_url outside Slack; the answer is not delivered');
      return false;
    }
    try {
      const res = await request(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await res.body.text();
      if (res.statusCode >= 300 || text.startsWith('{"ok":false')) {
        options.logger.warn(
          { status: res.statusCode, answer: snippet(text) },
          'Slack refused a response_url post (expired after 30 minutes, or more than 5 posts)',
        );
        return false;
      }
      return true;
    } catch (error) {
      options.logger.warn({ err: error }, 'could not post to the Slack response_url');
      return false;
    }
  };
}
