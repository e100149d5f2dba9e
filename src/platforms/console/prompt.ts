import { createInterface } from 'node:readline';
import { renderText } from '../../reply/render-text.js';
import type { CommandRouter } from '../../router/types.js';
import { createTerminal, type Terminal } from './terminal.js';

export interface PromptOptions {
  router: CommandRouter;
  input?: NodeJS.ReadableStream;
  /** Where answers go, shared with alerts and logs so the prompt is drawn again after them. */
  terminal?: Terminal;
  /** Called when the input ends (Ctrl-D) or on `exit`. */
  onClose?: () => void;
  /** Commands as typed here, for button hints (see `RenderTextOptions.asTyped`). */
  asTyped?: (commandText: string) => string;
  /** The operator's language (from `LC_ALL`, `LC_MESSAGES` or `LANG`); default English. */
  locale?: string;
}

/**
 * The `chatops>` prompt: each line is a command, answered as text. The console user is the
 * operator of the process, so it counts as a supervisor. Output printed through the terminal
 * while it waits (an alert, a log line) leaves the prompt drawn again below it.
 */
export function startPrompt({ router, input = process.stdin, terminal = createTerminal(), onClose, asTyped, locale }: PromptOptions): { close(): void } {
  const output = terminal.output;
  const rl = createInterface({ input, output, prompt: 'chatops> ', terminal: (output as NodeJS.WriteStream).isTTY === true });
  terminal.attach(rl);
  let closed = false;
  let queue = Promise.resolve();
  const prompt = () => {
    rl.prompt();
    terminal.waiting(true);
  };
  output.write('Type /help for the commands, exit to quit.\n');
  prompt();
  rl.on('line', (line) => {
    terminal.waiting(false);
    const text = line.trim();
    if (text === 'exit' || text === 'quit') {
      rl.close();
      return;
    }
    // Answer lines in order, even when pasted together.
    queue = queue.then(async () => {
      if (text) {
        // Work past a couple of seconds prints what is being done: "Looking… (searching up to 7 days of Bogotá)".
        const progress = (note: string) => terminal.print(`${note}\n`);
        const reply = await router.handle({
          text,
          asker: { platform: 'console', userId: 'console', ...(locale ? { locale } : {}) },
          venue: 'console',
          progress,
        });
        output.write(`${renderText(reply, { asTyped })}\n`);
      }
      if (!closed) prompt();
    });
  });
  rl.on('close', () => {
    closed = true;
    terminal.waiting(false);
    void queue.then(() => onClose?.());
  });
  return {
    close() {
      closed = true;
      rl.close();
    },
  };
}
