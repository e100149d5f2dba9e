import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, emptyDir } from '../support/run-cli.js';

const EXAMPLE = new URL('../../chatops.example.yaml', import.meta.url);
const SECRETS = {
  WOLKVOX_TOKEN: 'wv-example-token-0000aaaa',
  COMM100_EMAIL: 'ops@example.com',
  COMM100_API_KEY: 'c100-example-key-1111',
  VCCLIVE_TOKEN: 'vcc-example-token-2222',
};

/**
 * `npx chatops check-config | head -2`: the reader takes what it wants and closes the pipe
 * before the command has written everything. The command stops writing and exits with its
 * own code, without a stack trace.
 */
function withReaderGone(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(SECRETS), cwd: emptyDir() });
  // The reader is gone before the command writes a line: its first write meets a closed pipe.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

describe('output into a pipe whose reader stopped early', () => {
  it('check-config exits 0 quietly when stdout is closed (| head)', async () => {
    const { code, signal, stderr } = await withReaderGone(['check-config', EXAMPLE.pathname]);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(stderr).toBe('');
    expect(signal).toBeNull();
    expect(code).toBe(0);
  });

  it.each([[['help']], [['ask', '/help']]])('%j exits 0 quietly when stdout is closed', async (args) => {
    const { code, stderr } = await withReaderGone(args);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });
});
