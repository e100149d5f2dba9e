import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createDemoAdapter } from '../../adapters/demo/adapter.js';
import { cleanEnv, runCli } from '../support/run-cli.js';
import { portOf } from '../support/bot-replica.js';

/** A conversation the demo had yesterday at 11:30 Bogotá time: /transcript must find it today. */
async function yesterdaysChatId(): Promise<string> {
  const at = DateTime.now().setZone('America/Bogota').minus({ days: 1 }).set({ hour: 11, minute: 30 });
  const demo = createDemoAdapter(
    { id: 'demo', vendor: 'demo', seed: 42, timeZone: 'America/Bogota', quota: { reservePercent: 10 } },
    { now: () => at.toJSDate() },
  );
  const [chat] = await demo.activeChats();
  if (!chat) throw new Error('the demo had no chat in progress at 11:30 yesterday');
  return chat.id;
}

describe('npm start with nothing configured', () => {
  it('answers every command at the prompt from the demo contact center', async () => {
    const id = await yesterdaysChatId();
    const run = runCli(['console']);
    await run.waitFor('chatops> ');
    run.child.stdin.write(
      ['/help', '/queue', '/agents busy', '/today', '/handoffs 7d', `/transcript ${id}`, '/alerts', '/queue nowhere', 'exit', ''].join('\n'),
    );
    expect(await run.exited).toBe(0);
    const out = run.stdout();

    expect(out).toContain('running the embedded demo contact center');
    expect(out).toContain('Quota and cache: in memory');
    expect(out).toMatch(/Commands you can run[\s\S]*\/transcript <conn_id> \[source\]/);
    expect(out).toMatch(/Queue — Demo contact center[\s\S]*Waiting now:/);
    expect(out).toMatch(/Agents: Busy — Demo contact center[\s\S]*Busy:/);
    expect(out).toMatch(/Today — Demo contact center[\s\S]*Chats:\s+[\d,]+/);
    expect(out).toMatch(/Handoffs — Demo contact center, last 7 days[\s\S]*Handoff rate:\s+\d+%/);
    expect(out).toContain(id);
    expect(out).toMatch(/Customer|customer/);
    expect(out).toMatch(/Alerts[\s\S]*queue-long/);
    // Every answer says where it came from and how old it is.
    expect(out.match(/Demo contact center \(demo\) · as of \d\d:\d\d/g)?.length).toBeGreaterThanOrEqual(5);
    // A word that is not a source is not silently ignored.
    expect(out).toMatch(/nowhere/);
    expect(run.stderr()).not.toMatch(/Error|TypeError|unhandled/i);
  });

  it('answers one question with `ask` and exits 0, and exits 2 on bad usage', async () => {
    const ok = runCli(['ask', '/today']);
    expect(await ok.exited).toBe(0);
    expect(ok.stdout()).toMatch(/Today — Demo contact center/);

    const bad = runCli(['ask', '/transcript ../etc/passwd']);
    expect(await bad.exited).toBe(2);
    expect(bad.stdout()).toMatch(/Usage:\s+\/transcript <conn_id>/);

    const none = runCli(['ask']);
    expect(await none.exited).toBe(2);
    expect(none.stderr()).toContain('Usage: chatops ask');
  });

  it('starts without a warning (no token drift: the demo counts the requests the bot sent it; Teams off is not a fault)', async () => {
    const run = runCli(['start'], { env: cleanEnv({ PORT: '0' }) });
    // The reconciler's first round has compared the demo's count with the bot's (a debug line).
    await run.waitFor('token usage checked');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const output = run.stdout() + run.stderr();
    const checked = output.split('\n').find((line) => line.includes('token usage checked'))!;
    expect(checked).toMatch(/"vendorCount":(\d+).*"botCount":\1\b/);
    expect(output).not.toContain('more request(s) today than the bot sent');
    // Nothing is wrong with a demo that runs as shipped: no warning greets the newcomer.
    expect(output.split('\n').filter((line) => /"level":(40|50)/.test(line))).toEqual([]);
  });

  it('serves /healthz, /readyz and /metrics while running, and stops cleanly on SIGTERM', async () => {
    const run = runCli(['start'], { env: cleanEnv({ PORT: '0' }) });
    const port = await portOf(run);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: expect.arrayContaining([expect.objectContaining({ name: 'configuration', ok: true })]),
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('chatops_commands_total');
    expect(metrics).toContain('chatops_alerts_firing');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout() + run.stderr()).toContain('stopped');
  });
});
