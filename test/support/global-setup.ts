import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTestSecrets } from './test-secrets.js';

/**
 * The suite-wide secret scan: workers and the bot processes they start copy every line they
 * print into a folder; after the run, no configured secret value (nor its URL-encoded or
 * Base64 form) may appear in any of it.
 */
export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-test-logs-'));
  process.env.CHATOPS_TEST_LOG_DIR = dir;
  // Working folders of the processes tests start (`emptyDir`): removed with the run.
  const work = mkdtempSync(join(tmpdir(), 'chatops-test-work-'));
  process.env.CHATOPS_TEST_WORK_DIR = work;
  return () => {
    rmSync(work, { recursive: true, force: true });
    const files = readdirSync(dir);
    const forms = allTestSecrets().flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]);
    const leaks: string[] = [];
    let lines = 0;
    for (const file of files) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        lines++;
        const found = forms.find((form) => line.includes(form));
        if (found) leaks.push(`${file}: ${line.slice(0, 300)}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (leaks.length > 0) {
      // A throw here is only printed by vitest; the exit code is what CI sees.
      process.exitCode = 1;
      console.error(`\nFAIL secret scan: secret values appeared in ${leaks.length} log line(s) of the test run:\n${leaks.slice(0, 20).join('\n')}\n`);
      return;
    }
    if (process.env.CHATOPS_TEST_VERBOSE) console.log(`secret scan: ${lines} lines from ${files.length} files, no secret found`);
  };
}
