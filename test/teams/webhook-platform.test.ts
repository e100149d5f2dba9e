import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { PlatformError } from '../../src/domain/chat-platform.js';
import { createTeamsWebhookPlatform } from '../../src/platforms/teams/webhook-platform.js';
import type { Reply } from '../../src/reply/reply.js';
import { cardTexts, validateTeamsCard } from './card-validator.js';

/** A Workflows "When a Teams webhook request is received" trigger: answers 202, or what it is told. */
async function startWorkflow() {
  const received: any[] = [];
  const answers: Array<{ status: number; headers?: Record<string, string>; body?: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const answer = answers.shift() ?? { status: 202 };
      res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const channelRef = `teams-webhook:http://127.0.0.1:${port}/workflows/4f1d/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=S3cr3tSignatureValue`;
  return {
    received,
    answers,
    channelRef,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const alert: Reply = { title: 'No agents online — Soporte', tone: 'danger', buttons: [{ label: 'Acknowledge', action: 'ack', value: 'a-2' }] };
let workflow: Awaited<ReturnType<typeof startWorkflow>> | undefined;
afterEach(async () => {
  await workflow?.close();
  workflow = undefined;
});

function platformWithLogs() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const metrics = createMetrics();
  const platform = createTeamsWebhookPlatform({ logger, metrics, retry: { maxAttempts: 3, maxWaitSeconds: 30, sleep: async () => undefined } });
  return { platform, lines, metrics };
}

describe('Teams Workflows webhook channel', () => {
  it('posts the alert as an Adaptive Card message attachment, without buttons', async () => {
    workflow = await startWorkflow();
    const { platform } = platformWithLogs();
    const ref = await platform.post(workflow.channelRef, alert);
    expect(ref.startsWith(`${workflow.channelRef}#`)).toBe(true);
    const [{ body, url }] = workflow.received;
    expect(url).toContain('sig=S3cr3tSignatureValue');
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content;
    expect(validateTeamsCard(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    expect(cardTexts(card)[0]).toBe('No agents online — Soporte');
  });

  it('sends an update as a new message to the same workflow (webhooks cannot edit)', async () => {
    workflow = await startWorkflow();
    const { platform } = platformWithLogs();
    const ref = await platform.post(workflow.channelRef, alert);
    await platform.update(ref, { title: 'Resolved — Soporte', tone: 'good' });
    expect(workflow.received).toHaveLength(2);
    expect(workflow.received[1].url).toBe(workflow.received[0].url);
    expect(cardTexts(workflow.received[1].body.attachments[0].content)[0]).toBe('Resolved — Soporte');
  });

  it('hands a 429 to the outbox with its Retry-After and reports a refusal as permanent, never quoting the signed URL', async () => {
    workflow = await startWorkflow();
    const { platform, lines } = platformWithLogs();
    workflow.answers.push({ status: 429, headers: { 'retry-after': '2' } });
    const throttled = await platform.post(workflow.channelRef, alert).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ permanent: false, retryAfterSeconds: 2 });
    expect(workflow.received).toHaveLength(1);
    await platform.post(workflow.channelRef, alert);
    expect(workflow.received).toHaveLength(2);

    workflow.answers.push({ status: 400, body: `{"error":{"message":"bad request to ${workflow.channelRef}"}}` });
    const err = await platform.post(workflow.channelRef, alert).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).permanent).toBe(true);
    expect((err as PlatformError).message).not.toContain('S3cr3tSignatureValue');
    expect(lines.join('\n')).not.toContain('S3cr3tSignatureValue');
  });

  it('reports an unreachable workflow as worth retrying, without the URL', async () => {
    workflow = await startWorkflow();
    const ref = workflow.channelRef;
    await workflow.close();
    workflow = undefined;
    const { platform } = platformWithLogs();
    const err = await platform.post(ref, alert).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).permanent).toBe(false);
    expect((err as PlatformError).message).not.toContain('S3cr3t');
  });

  it('refuses a plain-http webhook to another host', async () => {
    const { platform } = platformWithLogs();
    const err = await platform.post('teams-webhook:http://example.com/hook?sig=abc', alert).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad-channel-reference', permanent: true });
    expect(platform.handles('teams-webhook:https://x.logic.azure.com/workflows/1')).toBe(true);
    expect(platform.handles('teams:19:abc@thread.tacv2')).toBe(false);
  });
});
