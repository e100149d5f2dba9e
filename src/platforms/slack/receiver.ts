import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readBody, refuseAndClose } from '../../http/body-limit.js';
import { checkSlackHeaders, parseSlackBody } from './request-checks.js';
import { ErrorCode, HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';

export interface HandlerReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  /** Largest request body accepted (default 1 MB, as every endpoint). */
  bodyLimit?: number;
  /** Clock for the timestamp check; tests pin it. */
  now?: () => number;
}

/**
 * A Bolt Receiver that owns no server: the process's one HTTP server routes
 * `POST /slack/events` to `handle`. It verifies Slack's signature (v0 HMAC-SHA256 over
 * `v0:{timestamp}:{raw body}`) with Bolt's own HTTP helpers. Missing signature headers and
 * timestamps more than 5 minutes away (past or future) are refused (401) from the headers alone,
 * bodies over the limit (413) as soon as they pass it, malformed bodies with a 400; only then
 * is the event handed to the app.
 *
 * @example
 *   const receiver = new HandlerReceiver({ signingSecret, logger });
 *   const app = new App({ receiver, authorize });
 *   routes['POST /slack/events'] = receiver.handle;
 */
export class HandlerReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: HandlerReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** Nothing to start: the shared HTTP server is started by the process. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /**
   * Handles one request. The HTTP response goes out at `ack()` (within Slack's 3 seconds); the
   * promise settles once the listeners have finished, which may be later.
   */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const logger = this.options.logger;
    // The ack budget counts from here: under load, reading and verifying the body takes time too.
    const receivedAt = performance.now();
    // Judged from the headers first: an unsigned, stale or future-dated request is refused
    // before a byte of its body is read.
    const early = checkSlackHeaders(req.headers, this.options.now?.() ?? Date.now());
    if (early) {
      logger.warn(`Slack request refused: ${early}`);
      return refuseAndClose(res, 401, '');
    }
    let verified: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      const buffered = req as IncomingMessage & { rawBody?: Buffer };
      buffered.rawBody = await readBody(req, this.options.bodyLimit ?? DEFAULT_MAX_BODY_BYTES);
      verified = await http.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret, logger }, buffered);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        logger.warn('Slack request refused: body larger than the limit');
        return refuseAndClose(res, 413, '');
      }
      logger.warn(`Slack request refused: ${(error as Error).message}`);
      return refuseAndClose(res, 401, '');
    }

    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(http.parseHTTPRequestBody(verified));
    } catch (error) {
      logger.warn(`Slack request refused: malformed body (${(error as Error).message})`);
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
    if (!this.app) {
      logger.error('Slack request arrived before the app was ready');
      http.buildNoBodyResponse(res, 503);
      return;
    }

    const ack = new HTTPResponseAck({ logger, processBeforeResponse: false, httpRequest: verified, httpRequestBody: body, httpResponse: res });
    const bound = ack.bind();
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: (response?: unknown) => {
        acked = true;
        return bound(response);
      },
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
      customProperties: { receivedAt },
    };
    try {
      await this.app.processEvent(event);
      // Nothing listens for this (an event type or a button that is not ours): say "received" at
      // once rather than let Slack wait 3 s and show the user an error.
      if (!acked) await bound();
    } catch (error) {
      if (!res.headersSent && !isAuthorizationError(error)) {
        // Before any listener acknowledged, only Bolt's own reading of the body runs: a signed
        // body of an unexpected shape fails there. That is the sender's mistake, not ours.
        logger.warn(`Slack request refused: Bolt could not process it (${(error as Error)?.message ?? String(error)})`);
        http.buildNoBodyResponse(res, 400);
        ack.ack();
        return;
      }
      const handled = await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (handled) ack.ack();
    }
  };
}

function isAuthorizationError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === ErrorCode.AuthorizationError;
}
