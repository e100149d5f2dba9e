import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { request } from 'undici';
import type { Logger } from '../../log/logger.js';
import type { Reply } from '../../reply/reply.js';
import { chartKey, type ReplyChart } from '../../reply/chart.js';

/**
 * Uploads a PNG to Slack without sharing it anywhere (files.getUploadURLExternal, the bytes to
 * the upload URL, files.completeUploadExternal) and returns its file id, for an image block's
 * `slack_file`: Slack then shows the picture without the bot needing a public URL.
 *
 * @example
 *   const id = await uploadPng(client, png, { filename: 'queue.png', title: 'Queue', altText: 'Waiting 3 → 9' });
 */
export async function uploadPng(
  client: webApi.WebClient,
  png: Buffer,
  file: { filename: string; title: string; altText: string },
  timeoutMs = 10_000,
): Promise<string> {
  const ticket = await client.files.getUploadURLExternal({ filename: file.filename, length: png.length, alt_text: file.altText.slice(0, 1000) });
  if (!ticket.upload_url || !ticket.file_id) throw new Error('Slack gave no upload URL for the chart');
  const res = await request(ticket.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: png,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  await res.body.text();
  if (res.statusCode >= 300) throw new Error(`Slack refused the chart upload (HTTP ${res.statusCode})`);
  await client.files.completeUploadExternal({ files: [{ id: ticket.file_id, title: file.title }] });
  return ticket.file_id;
}

/**
 * Slack: draws the reply's chart, uploads it and notes the file id, so the message carries an
 * image block. A chart already uploaded (the same figures, asked again within 10 minutes) is
 * shown from the same file: twenty supervisors asking /queue in the same minute cost one upload.
 * Any failure leaves the reply as it was (the text answers on its own) and logs.
 */
export function attachSlackChart(client: webApi.WebClient, render: (chart: ReplyChart) => Promise<Buffer>, logger: Logger) {
  const uploaded = new LRUCache<string, string, ReplyChart>({
    max: 32,
    ttl: 10 * 60_000,
    fetchMethod: async (_key, _stale, { context: chart }) =>
      uploadPng(client, await render(chart), { filename: 'chart.png', title: chart.title, altText: chart.description }),
  });
  return async (reply: Reply): Promise<Reply> => {
    if (!reply.chart || reply.chart.image?.slackFileId) return reply;
    try {
      const id = await uploaded.fetch(chartKey(reply.chart), { context: reply.chart });
      if (!id) return reply;
      return { ...reply, chart: { ...reply.chart, image: { slackFileId: id } } };
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'Slack: could not upload the chart; answering without it');
      return reply;
    }
  };
}
