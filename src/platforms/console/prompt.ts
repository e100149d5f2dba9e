import { createInterface } from 'node:readline';
import { renderText } from '../../reply/render-text.js';
import type { CommandRouter } from '../../router/types.js';

export interface PromptOptions {
  router: CommandRouter;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Called when the input ends (Ctrl-D) or on `exit`. */
  onClose?: () => void;
}

/**
 * The `chatops>` prompt: each line is a command, answered as text. The console user is the
 * operator of the process, so it counts as a supervisor.
 */
export function startPrompt({ router, input = process.stdin, output = process.stdout, onClose }: PromptOptions): { close(): void } {
  const rl = createInterface({ input, output, prompt: 'chatops> ', terminal: (output as NodeJS.WriteStream).isTTY === true });
  let closed = false;
  let queue = Promise.resolve();
  output.write('Type /help for the commands, exit to quit.\n');
  rl.prompt();
  rl.on('line', (line) => {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') {
      rl.close();
      return;
    }
    // Answer lines in order, even when pasted together.
    queue = queue.then(async () => {
      if (text) {
        const reply = await router.handle({ text, asker: { platform: 'console', userId: 'console' }, venue: 'console' });
        output.write(`${renderText(reply)}\n`);
      }
      if (!closed) rl.prompt();
    });
  });
  rl.on('close', () => {
    closed = true;
    void queue.then(() => onClose?.());
  });
  return {
    close() {
      closed = true;
      rl.close();
    },
  };
}
