// Setup file (every test worker): keep a copy of everything the worker prints — console calls
// and direct writes to stdout/stderr — for the secret scan in global-setup.ts.
import { format } from 'node:util';
import { recordLogText } from './log-capture.js';

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    recordLogText(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    recordLogText(format(...args));
    original(...args);
  };
}
