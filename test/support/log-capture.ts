import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every line the suite prints (test workers' stdout/stderr, and the output of every bot process
 * the tests start) is appended to files in CHATOPS_TEST_LOG_DIR, which the global teardown scans
 * for secret values (see global-setup.ts).
 */
export function recordLogText(text: string): void {
  const dir = process.env.CHATOPS_TEST_LOG_DIR;
  if (!dir || !text) return;
  appendFileSync(join(dir, `worker-${process.pid}.log`), text.endsWith('\n') ? text : `${text}\n`);
}
