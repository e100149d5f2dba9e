import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';

export interface HandlerReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  /** Largest request body accepted (Bolt's default: 4 MB). */
  bodyLimit?: number;
}

/**
 * A Bolt Receiver that owns no server: the process's one HTTP server routes
 * `POST /slack/events` to `handle`. It verifies Slack's signature (v0 HMAC-SHA256 over
 * `v0:{timestamp}:{raw body}`, timestamps older than 5 minutes refused) with Bolt's own HTTP
 * helpers, answers 401 before anything runs when that fails, and hands the event to the app.
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
    let verified: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      verified = await http.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret, logger, bodyLimit: this.options.bodyLimit }, req);
    } catch (error) {
      if (http.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
        logger.warn('Slack request refused: body larger than the limit');
        http.buildNoBodyResponse(res, 413);
        return;
      }
      logger.warn(`Slack request refused: ${(error as Error).message}`);
      http.buildNoBodyResponse(res, 401);
      return;
    }

    let body: Record<string, unknown>;
    try {
      body = http.parseHTTPRequestBody(verified);
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
      const handled = await http.defaultProcessEventErrorHandler({ error: error as Error, logger, request: req, response: res, storedResponse: ack.storedResponse });
      if (handled) ack.ack();
    }
  };
}
