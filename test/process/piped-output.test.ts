import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, emptyDir, runCli } from '../support/run-cli.js';

/** The demo with a rule that holds at every poll, posting to the console channel. */
const CONFIG = `
sources:
  demo:
    vendor: demo
    timeZone: America/Bogota
    poll: "*/2 * * * * *"
channels:
  terminal: console
alerts:
  - id: always
    metric: agents.online
    source: demo
    below: 100000
    channels: [terminal]
`;

describe('npm start piped (a container, a log collector)', () => {
  it("writes JSON lines only, the console channel's alert among them, and says a taken port before anything else", async () => {
    const file = join(emptyDir(), 'chatops.yaml');
    writeFileSync(file, CONFIG);
    const run = runCli(['start'], { env: cleanEnv({ PORT: '0', CHATOPS_CONFIG: file }) });
    await run.waitFor('posted to the console channel');
    expect(run.stdout()).toMatch(/listening on port (\d+)/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const lines = run
      .stdout()
      .split('\n')
      .filter((line) => line.trim() !== '');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const alert = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'posted to the console channel');
    expect(alert.text).toMatch(/always/);
    // Teams being off is said once, in the start-up lines (the rest is for debugging).
    const said = lines.filter((line) => JSON.parse(line).level >= 30);
    expect(said.filter((line) => /Teams:? (is )?off/.test(line))).toHaveLength(1);

    // A second bot on the same port: the port is the first and only thing it reports.
    const blocker = runCli(['start'], { env: cleanEnv({ PORT: '0', CHATOPS_CONFIG: file }) });
    await blocker.waitFor(/listening on port (\d+)/);
    const taken = Number(/listening on port (\d+)/.exec(blocker.stdout())![1]);
    const clash = runCli(['start'], { env: cleanEnv({ PORT: String(taken), CHATOPS_CONFIG: file }) });
    expect(await clash.exited).toBe(1);
    expect(clash.stderr()).toMatch(new RegExp(`Cannot listen on port ${taken}: it is in use by another program`));
    expect(clash.stdout()).not.toMatch(/Sources:|Configuration:/);
    blocker.child.kill('SIGTERM');
    await blocker.exited;
  });
});
