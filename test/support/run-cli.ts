import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordLogText } from './log-capture.js';

export const BIN = fileURLToPath(new URL('../../bin/chatops.js', import.meta.url));

/** An empty working directory, so no stray ./chatops.yaml is picked up (removed when the run ends). */
export function emptyDir(): string {
  return mkdtempSync(join(process.env.CHATOPS_TEST_WORK_DIR ?? tmpdir(), 'chatops-cli-'));
}

/** The environment a child gets: only what the test says, plus PATH and HOME. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'debug', NODE_ENV: 'test', ...extra };
}

export interface CliRun {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  /** Resolves once stdout or stderr contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts `chatops <args>` as a real process. Every line it prints is kept for the secret scan. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const ownDir = options.cwd ? undefined : emptyDir();
  const child = spawn(process.execPath, [BIN, ...args], { env: options.env ?? cleanEnv(), cwd: options.cwd ?? ownDir });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((out += d), poke()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => ((err += d), poke()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      recordLogText(`${out}\n${err}`);
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      poke();
      resolve(code);
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, timeoutMs = 90_000) {
      const seen = () => (typeof text === 'string' ? (out + err).includes(text) : text.test(out + err));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        const check = () => {
          if (seen()) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`process exited (${child.exitCode}) before ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
