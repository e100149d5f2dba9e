import type { webApi } from '@slack/bolt';
import type { Reply } from '../../reply/reply.js';
import type { Metrics } from '../../metrics/metrics.js';
import { PlatformError, type ChatPlatform, type PostOptions } from '../../domain/chat-platform.js';
import { toPlatformError } from './errors.js';
import { renderBlocks } from './render-blocks.js';

const CHANNEL_REF = /^slack:([A-Z0-9]+)$/;
const MESSAGE_REF = /^slack:([A-Z0-9]+)\/(\d+\.\d+)$/;

/**
 * Posts to Slack channels by reference, for the watcher and summaries.
 * Channel refs are `slack:C0123`; message refs returned by `post` are `slack:C0123/1700000000.000100`.
 * Every failure is a PlatformError (429 carries `retryAfterSeconds`; the client does not retry
 * on its own, so the watcher's outbox decides when to try again).
 *
 * @example
 *   const ref = await platform.post('slack:C0123', reply, { mention: '@here' });
 *   await platform.update(ref, resolvedReply);
 */
export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack';

  constructor(
    private readonly client: webApi.WebClient,
    private readonly metrics?: Metrics,
  ) {}

  handles(channelRef: string): boolean {
    return CHANNEL_REF.test(channelRef) || MESSAGE_REF.test(channelRef);
  }

  async post(channelRef: string, reply: Reply, options: PostOptions = {}): Promise<string> {
    const channel = parseChannel(channelRef);
    const message = renderBlocks(publicCopy(reply), { mention: options.mention });
    const result = await this.call('chat.postMessage', channel, () =>
      this.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }),
    );
    this.metrics?.posts.inc({ platform: 'slack', kind: 'post' });
    return `slack:${result.channel ?? channel}/${result.ts}`;
  }

  async update(messageRef: string, reply: Reply): Promise<void> {
    const { channel, ts } = parseMessage(messageRef);
    const message = renderBlocks(publicCopy(reply));
    await this.call('chat.update', channel, () => this.client.chat.update({ channel, ts, ...message }));
    this.metrics?.posts.inc({ platform: 'slack', kind: 'update' });
  }

  async replyInThread(messageRef: string, reply: Reply): Promise<void> {
    const { channel, ts } = parseMessage(messageRef);
    const message = renderBlocks(publicCopy(reply));
    await this.call('chat.postMessage', channel, () =>
      this.client.chat.postMessage({ channel, thread_ts: ts, ...message, unfurl_links: false, unfurl_media: false }),
    );
    this.metrics?.posts.inc({ platform: 'slack', kind: 'thread' });
  }

  private async call<T extends { ts?: string; channel?: string }>(method: string, channel: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toPlatformError(error, method, channel);
    }
  }
}

/** Posts in a channel are already public: a "Share" button there would do nothing. */
function publicCopy(reply: Reply): Reply {
  if (!reply.buttons?.some((b) => b.action === 'share')) return reply;
  return { ...reply, buttons: reply.buttons.filter((b) => b.action !== 'share') };
}

function parseChannel(ref: string): string {
  const channel = CHANNEL_REF.exec(ref)?.[1] ?? MESSAGE_REF.exec(ref)?.[1];
  if (!channel) throw new PlatformError('bad-channel-reference', `"${ref}" is not a Slack channel reference; write it like "slack:C0123ABC"`);
  return channel;
}

function parseMessage(ref: string): { channel: string; ts: string } {
  const match = MESSAGE_REF.exec(ref);
  if (!match) throw new PlatformError('bad-channel-reference', `"${ref}" is not a Slack message reference (expected "slack:C0123ABC/1700000000.000100")`);
  return { channel: match[1] as string, ts: match[2] as string };
}
