import { renderText } from '../../reply/render-text.js';
import type { Reply } from '../../reply/reply.js';
import type { ChatPlatform, PostOptions } from '../chat-platform.js';

/**
 * Alerts and summaries printed to the terminal: the embedded default's "channel".
 * Message references are `console:<n>`; an update prints the new state with its reference.
 */
export function createConsolePlatform(write: (text: string) => void = (t) => process.stdout.write(t)): ChatPlatform {
  let counter = 0;
  const print = (label: string, reply: Reply, mention?: string) => {
    const body = renderText(reply)
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
      print(`── ${new Date().toLocaleTimeString()} [${ref}]`, reply, options?.mention);
      return ref;
    },
    async update(messageRef: string, reply: Reply) {
      print(`── ${new Date().toLocaleTimeString()} [${messageRef} updated]`, reply);
    },
    async replyInThread(messageRef: string, reply: Reply) {
      print(`   ↳ [${messageRef}]`, reply);
    },
  };
}
