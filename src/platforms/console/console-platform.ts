import { DateTime } from 'luxon';
import { renderText } from '../../reply/render-text.js';
import type { Reply } from '../../reply/reply.js';
import type { ChatPlatform, PostOptions } from '../../domain/chat-platform.js';

export interface ConsolePlatformOptions {
  /** Clock of the header; tests pin it. */
  now?: () => Date;
  /** Commands as typed here, for button hints (see `RenderTextOptions.asTyped`). */
  asTyped?: (commandText: string) => string;
}

/**
 * Alerts and summaries printed to the terminal: the embedded default's "channel".
 * Message references are `console:<n>`; an update prints the new state with its reference.
 * The header's clock is the source's (the zone the body's times are in), on a 24-hour clock.
 *
 * @example
 *   createConsolePlatform((text) => terminal.print(text)); // "── 14:05:31 America/Bogota [console:1]"
 */
export function createConsolePlatform(write: (text: string) => void = (t) => process.stdout.write(t), options: ConsolePlatformOptions = {}): ChatPlatform {
  const now = options.now ?? (() => new Date());
  let counter = 0;
  const print = (label: string, reply: Reply, mention?: string) => {
    const body = renderText(reply, { now: now(), asTyped: options.asTyped })
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
    write(`\n${label}${mention ? ` ${mention}` : ''}\n${body}\n`);
  };
  return {
    name: 'console',
    handles: (ref) => ref === 'console',
    async post(_ref: string, reply: Reply, options?: PostOptions) {
      const ref = `console:${++counter}`;
      print(`── ${clockOf(reply, now())} [${ref}]`, reply, options?.mention);
      return ref;
    },
    async update(messageRef: string, reply: Reply) {
      print(`── ${clockOf(reply, now())} [${messageRef} updated]`, reply);
    },
    async replyInThread(messageRef: string, reply: Reply) {
      print(`   ↳ [${messageRef}]`, reply);
    },
  };
}

/** "14:05:31 America/Bogota": the source's clock when the reply names its zone, else the machine's (24-hour). */
function clockOf(reply: Reply, at: Date): string {
  const zone = reply.context?.timeZone;
  const local = zone ? DateTime.fromJSDate(at, { zone }) : DateTime.fromJSDate(at);
  return zone && local.isValid ? `${local.toFormat('HH:mm:ss')} ${zone}` : DateTime.fromJSDate(at).toFormat('HH:mm:ss');
}
