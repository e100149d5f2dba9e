import type { Activity, ConversationParameters, TurnContext } from 'botbuilder';
import type { Metrics } from '../../metrics/metrics.js';
import { describeConnectorError, toPlatformError, DEFAULT_RETRY_AFTER_SECONDS, type ConnectorFailure } from './errors.js';

/** The Bot Connector REST calls the bot makes (`/v3/conversations…`). */
export interface ConnectorConversations {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  createConversation(parameters: ConversationParameters): Promise<{ id?: string; activityId?: string }>;
}

interface ConnectorClientLike {
  conversations: ConnectorConversations;
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/**
 * The connector client of a turn, with the SDK's own retry policy taken out: that policy
 * honours any Retry-After however long (minutes inside one post) and retries 5xx on its own,
 * both invisible to us. `callConnector` retries instead, within bounds, and counts retries.
 */
export function conversationsOf(context: TurnContext): ConnectorConversations {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as ConnectorClientLike | undefined;
  if (!client) throw new Error('Teams turn has no connector client (was the turn started by the CloudAdapter?)');
  client.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  return client.conversations;
}

export interface RetryPolicy {
  /** Attempts in all, first one included; default 3. */
  maxAttempts: number;
  /** A Retry-After longer than this is handed to the caller (PlatformError) instead of waited; default 30. */
  maxWaitSeconds: number;
  sleep: (ms: number) => Promise<void>;
  onRetry?: (waitSeconds: number) => void;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  maxWaitSeconds: 30,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs one connector call; on 429 waits the connector's Retry-After and tries again (up to
 * `maxAttempts`); anything else, or a throttle that persists or asks for too long a wait,
 * becomes a PlatformError (`retryAfterSeconds` set for throttling). `what` describes the call
 * for messages ("post to teams:19:…"); `describe` reads a failure off what `call` threw.
 */
export async function callConnector<T>(
  what: string,
  call: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  describe: (err: unknown) => ConnectorFailure = describeConnectorError,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const failure = describe(err);
      const wait = failure.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
      if (failure.status !== 429 || attempt >= policy.maxAttempts || wait > policy.maxWaitSeconds) {
        throw toPlatformError(failure, what);
      }
      policy.onRetry?.(wait);
      await policy.sleep(wait * 1000);
    }
  }
}

/**
 * Proactive posts (alerts, summaries) make one attempt: the watcher's outbox is their one retry
 * policy (it waits a 429's Retry-After, however long, and backs off on the rest), so a throttled
 * post is not retried here and again there.
 */
export function oneAttempt(policy: RetryPolicy): RetryPolicy {
  return { ...policy, maxAttempts: 1, maxWaitSeconds: 0 };
}

/** The policy with each retry counted in `chatops_post_retries_total{platform="teams"}`. */
export function countingRetries(policy: RetryPolicy, metrics: Metrics): RetryPolicy {
  return {
    ...policy,
    onRetry: (wait) => {
      metrics.postRetries.inc({ platform: 'teams' });
      policy.onRetry?.(wait);
    },
  };
}
