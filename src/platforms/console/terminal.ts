import { clearLine, cursorTo, type Interface } from 'node:readline';

/**
 * The terminal the `chatops>` prompt shares with output that arrives on its own (alerts,
 * summaries, log lines): such output is printed above the prompt, then the prompt is drawn
 * again with what the person had typed, so they can go on typing.
 *
 * @example
 *   const terminal = createTerminal();
 *   createConsolePlatform((text) => terminal.print(text));
 *   startPrompt({ router, terminal });
 */
export interface Terminal {
  readonly output: NodeJS.WritableStream;
  /** Prints text on stdout (`out`, the default) or stderr (`err`), keeping the prompt below it. */
  print(text: string, stream?: 'out' | 'err'): void;
  /** Called by the prompt: its readline, and whether it is waiting for a line (drawn) or answering one. */
  attach(rl: Interface): void;
  waiting(drawn: boolean): void;
}

export interface TerminalOptions {
  output?: NodeJS.WritableStream;
  errors?: NodeJS.WritableStream;
}

export function createTerminal({ output = process.stdout, errors = process.stderr }: TerminalOptions = {}): Terminal {
  let rl: Interface | undefined;
  let drawn = false;
  const isTTY = () => (output as NodeJS.WriteStream).isTTY === true;
  return {
    output,
    print(text, stream = 'out') {
      const target = stream === 'err' ? errors : output;
      if (!rl || !drawn) {
        target.write(text);
        return;
      }
      // Wipe the prompt line (on a terminal), print, and draw the prompt and the typed text again.
      if (isTTY()) {
        clearLine(output, 0);
        cursorTo(output, 0);
      } else if (!text.startsWith('\n')) output.write('\n');
      target.write(text.endsWith('\n') ? text : `${text}\n`);
      rl.prompt(true);
    },
    attach(readline) {
      rl = readline;
    },
    waiting(isDrawn) {
      drawn = isDrawn;
    },
  };
}
