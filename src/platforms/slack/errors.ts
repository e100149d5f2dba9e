import { webApi } from '@slack/bolt';
import { PlatformError } from '../../domain/chat-platform.js';

/** What the operator should do about Slack error codes that retrying cannot fix. */
const PERMANENT: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the bot cannot see it; check the channel id (slack:C…) and invite the bot',
  not_in_channel: 'the bot is not a member of the channel; invite it with /invite @<bot name>',
  is_archived: 'the channel is archived',
  invalid_auth: 'the bot token is not valid; check SLACK_BOT_TOKEN (xoxb-…) and reinstall the app',
  not_authed: 'no bot token was sent; set SLACK_BOT_TOKEN',
  account_inactive: 'the bot token belongs to a deleted user or an uninstalled app; reinstall the app',
  token_revoked: 'the bot token was revoked; reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope: 'the app lacks a permission; add the scope named in slack/manifest.yaml and reinstall',
  message_not_found: 'the message to update no longer exists',
  cant_update_message: 'the bot may only update its own messages',
  msg_too_long: 'the message is longer than Slack accepts',
  invalid_blocks: 'Slack rejected the message layout',
  restricted_action: 'a workspace setting prevents the bot from posting in this channel',
};

/** Slack error codes that mean "Slack had trouble, try again". Any other code is permanent. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'team_added_to_org']);

/**
 * Turns a Web API failure into a PlatformError the watcher's outbox understands:
 * 429 -> retry after `Retry-After`; 5xx and network failures -> retry; known Slack error
 * codes such as `channel_not_found` -> permanent, with what to do about it.
 *
 * @example
 *   try { await client.chat.postMessage(args) } catch (e) { throw toPlatformError(e, 'chat.postMessage', 'C0123') }
 */
export function toPlatformError(error: unknown, method: string, channel: string): PlatformError {
  const where = `Slack ${method} to ${channel}`;
  if (error instanceof PlatformError) return error;
  const coded = error as { code?: string };
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const retryAfterSeconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
      return new PlatformError('platform-throttled', `${where} was rate limited; retry after ${retryAfterSeconds}s`, {
        retryAfterSeconds,
        platformCode: 'rate_limited',
      });
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (error as webApi.WebAPIHTTPError).statusCode;
      const permanent = status >= 400 && status < 500 && status !== 408;
      return new PlatformError(permanent ? 'platform-refused' : 'platform-unavailable', `${where} failed with HTTP ${status}`, {
        platformCode: `http_${status}`,
        cause: error,
      });
    }
    case webApi.ErrorCode.PlatformError: {
      const code = (error as webApi.WebAPIPlatformError).data.error;
      if (TRANSIENT.has(code)) return new PlatformError('platform-unavailable', `${where} failed (${code}); Slack may recover`, { platformCode: code });
      const advice = PERMANENT[code] ?? 'Slack refused the request';
      return new PlatformError('platform-refused', `${where} failed (${code}): ${advice}`, { platformCode: code });
    }
    case webApi.ErrorCode.RequestError:
      return new PlatformError(
        'platform-unavailable',
        `${where} could not reach Slack: ${(error as webApi.WebAPIRequestError).original?.message ?? 'network error'}`,
        { platformCode: 'request_error' },
      );
    default:
      return new PlatformError('platform-unavailable', `${where} failed: ${error instanceof Error ? error.message : String(error)}`, {
        platformCode: 'unknown',
        cause: error,
      });
  }
}
