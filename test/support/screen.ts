import { PassThrough } from 'node:stream';

/**
 * A stream standing in for a terminal (or, with `tty` false, a pipe): it keeps what was written
 * and tells when it holds what a test waits for, so tests wait for output, not for time.
 */
export function screen(tty: boolean, columns = 100) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  if (tty) Object.assign(stream, { isTTY: true, columns });
  let text = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    stream,
    text: () => text,
    async until(test: (text: string) => boolean): Promise<string> {
      while (!test(text)) await new Promise<void>((resolve) => waiters.push(resolve));
      return text;
    },
  };
}
