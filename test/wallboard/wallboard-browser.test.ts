import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { writeBogotaConfig } from '../process/bogota-bot.js';
import { lateAnswer, slash } from '../fakes/slack-user.js';
import { portOf, replicaSet } from '../support/bot-replica.js';
import { freePort } from '../support/redis-server.js';
import { emptyDir } from '../support/run-cli.js';
import { PROCESS_TEST_SECRETS as S } from '../support/test-secrets.js';
import { deleteKeys, uniquePrefix } from '../watcher/kit.js';

// A supervisor asks /wallboard in Slack on one replica, opens the link in Chromium on the other
// (as a load balancer would send it), sees the tiles, and sees a vendor's figure change on the
// page without a reload: the leader's poll, through Redis pub/sub, to the other replica's stream.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = fileURLToPath(new URL('../output/wallboard/', import.meta.url));
const HOSTILE = 'Ventas <img src=x onerror=alert(1)>';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

if (!existsSync(CHROMIUM)) console.warn(`wallboard browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

let wolkvox: FakeWolkvox;
let slack: FakeSlack;
let browser: Browser;
let dir: string;
let publicPort: number;
const prefix = uniquePrefix('wallboard');
const bots = replicaSet(() => ({
  dir,
  slackApiUrl: slack.apiUrl,
  redisEnv: { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', CHATOPS_REDIS_PREFIX: prefix },
  env: { PUBLIC_URL: `http://127.0.0.1:${publicPort}` },
}));

const skills = (waiting: number) => [{ skill_id: '101', skill_name: HOSTILE, calls_in_queue_now: String(waiting) }];

/** What the bot answered a slash command: the acknowledgement, or the answer that followed. */
async function answerOf(port: number, text: string, id: string): Promise<string> {
  const ack = await slash(port, slack, '/wallboard', text, id);
  expect(ack.status).toBe(200);
  return ack.body.includes('Looking') || ack.body === '' ? lateAnswer(slack, id) : ack.body;
}

const waitingOn = (page: Page) => page.locator(`article.tile:not(.total) [data-figure="waiting"] .value`).first();

describe.skipIf(!existsSync(CHROMIUM))('the wallboard in a real browser, two replicas sharing Redis', () => {
  beforeAll(async () => {
    wolkvox = await startFakeWolkvox({ token: S.wolkvoxToken, maxConcurrent: 2 });
    wolkvox.setData('skills', skills(3));
    slack = await startFakeSlack({ botToken: S.slackBotToken, channels: ['C0OPS'] });
    publicPort = await freePort();
    dir = emptyDir();
    writeBogotaConfig(dir, wolkvox.url, {
      sourceLines: ['poll: "*/2 * * * * *"'],
      rest: `channels:
  ops: slack:C0OPS
alerts:
  - id: bogota-queue
    metric: queue.waiting
    source: bogota
    above: 5
    severity: warning
    channels: [ops]
`,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await bots.kill();
    await wolkvox?.close();
    await slack?.close();
    await deleteKeys(prefix);
  });

  it('shows the tiles, follows a vendor change without a reload, passes axe, and ends on revoke', async () => {
    // The leader answers on the public port; the page is served by the follower.
    const leader = bots.start();
    await leader.waitFor('this replica is now the leader');
    const leaderPort = await portOf(leader);
    const follower = bots.start();
    const followerPort = await portOf(follower);

    const answer = await answerOf(leaderPort, 'bogota', 'w-link');
    const link = /"url":"([^"]+)"/.exec(answer)?.[1];
    expect(link, answer).toMatch(/\/wallboard\?s=bogota&k=desk&exp=\d+&g=\d+&sig=/);
    const onFollower = new URL(link!);
    onFollower.port = String(followerPort);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
    const response = await page.goto(onFollower.toString());
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => waitingOn(page).textContent(), { timeout: 60_000 }).toBe('3');
    // Vendor text is text: the queue's name shows as written, no element made of it.
    await expect.poll(() => page.locator('article.tile:not(.total) .name').first().textContent()).toBe(HOSTILE);
    expect(await page.locator('article.tile img').count()).toBe(0);
    expect(await page.locator('article.tile:not(.total) .word').first().textContent()).toBe('OK');
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

    wolkvox.setData('skills', skills(9));
    await expect.poll(() => waitingOn(page).textContent(), { timeout: 60_000 }).toBe('9');
    await expect.poll(() => page.locator('article.tile.total .word').textContent(), { timeout: 10_000 }).toBe('Warning');
    expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.locator('#connection').textContent()).toBe('Live');

    // axe-core evaluated through the debugging protocol (the page's CSP refuses inline scripts).
    await page.evaluate(axeSource);
    const results = (await page.evaluate(() => (globalThis as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as {
      violations: Array<{ id: string; impact: string; nodes: unknown[] }>;
    };
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`)).toEqual([]);
    await page.screenshot({ path: `${OUT}wallboard-1080p.png` });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(onFollower.toString());
    await expect.poll(() => waitingOn(phone).textContent(), { timeout: 30_000 }).toBe('9');
    await phone.screenshot({ path: `${OUT}wallboard-phone.png`, fullPage: true });

    // A tampered link shows no board.
    const tampered = new URL(onFollower);
    tampered.searchParams.set('s', 'bogota,other');
    expect((await fetch(tampered)).status).toBe(403);
    tampered.searchParams.set('s', 'bogota');
    tampered.searchParams.set('exp', String(Number(tampered.searchParams.get('exp')) + 60));
    expect((await fetch(tampered)).status).toBe(403);

    const revoked = await answerOf(leaderPort, 'revoke', 'w-revoke');
    expect(revoked).toContain('revoked');
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 30_000 }).toContain('revoked');
    expect(await page.locator('article.tile').count()).toBe(0);
    expect((await fetch(onFollower)).status).toBe(403);
    expect((await fetch(new URL(`/wallboard/events${onFollower.search}`, onFollower))).status).toBe(403);
    expect(errors).toEqual([]);
  });
});
