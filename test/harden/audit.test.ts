import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';
import { createMemoryAuditSink } from '../../src/audit/audit-sink.js';
import { auditEntryOf } from '../../src/audit/audit-points.js';
import type { AlertService } from '../../src/watcher/model/alert-service.js';
import { startHarness, type Harness } from '../slack/harness.js';
import { blockActionsBody } from '../fakes/slack-payloads.js';
import { demoRouter } from '../support/router-kit.js';

/** 10:00 in Bogotá, when the demo contact center is busy: chats in progress, with phone numbers. */
const BUSY_HOUR = () => new Date('2026-11-24T15:00:00.000Z');

let app: App | undefined;
let dir: string | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await app?.stop(100);
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = undefined;
  dir = undefined;
  h = undefined;
});

function auditLines(file: string): Array<Record<string, string>> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, string>);
}

describe('the audit trail does not depend on the log level', () => {
  it.each(['warn', 'silent'])('at LOG_LEVEL=%s a transcript view is recorded in AUDIT_LOG, and the app log holds nothing of it', async (level) => {
    dir = mkdtempSync(join(tmpdir(), 'chatops-audit-'));
    const file = join(dir, 'audit', 'audit.jsonl');
    const logLines: string[] = [];
    const settings = await readSettings({ LOG_LEVEL: level, AUDIT_LOG: file });
    app = await createApp({
      settings,
      watch: false,
      platforms: false,
      now: BUSY_HOUR,
      logDestination: new Writable({ write: (c, _e, done) => (logLines.push(String(c)), done()) }) as never,
    });
    const chat = (await app.sources[0]!.activeChats()).value[0]!;
    const reply = await app.router.handle({ text: `/transcript ${chat.id}`, asker: { platform: 'console', userId: 'console' }, venue: 'console' });
    expect(reply.title).toContain(`Transcript ${chat.id}`);
    expect(auditLines(file)).toEqual([
      expect.objectContaining({ audit: true, action: 'transcript.view', target: `demo:${chat.id}`, user: 'console', platform: 'console', venue: 'console' }),
    ]);
    expect(logLines.join('')).not.toContain('transcript.view');
  });

  it('records a lookup of a chat that does not exist as what it was, not as a view', async () => {
    const sink = createMemoryAuditSink();
    const { router: r } = router(sink);
    const reply = await r.handle({ text: '/transcript NOSUCHCHAT1', asker: { platform: 'console', userId: 'console' }, venue: 'console' });
    expect(reply.summary).toContain('no chat with id NOSUCHCHAT1');
    expect(sink.records).toEqual([expect.objectContaining({ action: 'transcript.not-found', target: 'demo:NOSUCHCHAT1', user: 'console' })]);
  });

  it('records acknowledgements, silences and lifted silences (buttons or commands) with who, and only what happened', async () => {
    const sink = createMemoryAuditSink();
    const view = {
      id: 'queue-long:1',
      ruleId: 'queue-long',
      source: 'demo',
      metric: 'queue.waiting',
      phase: 'acknowledged' as const,
      severity: 'warning' as const,
      value: 9,
      peak: 9,
      threshold: 8,
      direction: 'above' as const,
      since: '2026-11-21T14:02:00.000Z',
      acknowledgedBy: 'U0SUP',
    };
    let acknowledged = false;
    let silenced = false;
    const { router: r } = router(sink, {
      firing: async () => [],
      acknowledge: async (id) => {
        if (id !== 'queue-long:1') return undefined;
        const first = !acknowledged;
        acknowledged = true;
        return { ...view, first };
      },
      silence: async () => ((silenced = true), { until: '2026-11-21T15:02:00.000Z' }),
      silences: async () => [],
      unsilence: async () => (silenced ? ((silenced = false), { until: '2026-11-21T15:02:00.000Z', by: 'U0SUP' }) : undefined),
    });
    const by = { platform: 'slack' as const, userId: 'U0SUP' };
    await r.handle({ text: 'queue-long:1', action: 'ack', asker: by, venue: 'channel' });
    // A second press of Ack and an ack of an alert that is not firing change nothing: not acknowledgements.
    const again = await r.handle({ text: 'queue-long:1', action: 'ack', asker: by, venue: 'channel' });
    const nothing = await r.handle({ text: '/alerts ack queue-long:9', asker: by, venue: 'channel' });
    await r.handle({ text: '/alerts silence queue-long 30m', asker: by, venue: 'direct' });
    await r.handle({ text: '/alerts unsilence queue-long', asker: by, venue: 'direct' });
    const notSilenced = await r.handle({ text: '/alerts unsilence queue-long', asker: by, venue: 'direct' });
    expect(again.title).toBe('Already acknowledged');
    expect(nothing.title).toBe('Nothing to acknowledge');
    expect(notSilenced.title).toBe('queue-long is not silenced');
    expect(sink.records).toEqual([
      expect.objectContaining({ action: 'alert.acknowledge', target: 'queue-long:1', user: 'U0SUP', platform: 'slack', venue: 'channel' }),
      expect.objectContaining({ action: 'alert.silence', target: 'queue-long:30m', user: 'U0SUP', platform: 'slack', venue: 'direct' }),
      expect.objectContaining({ action: 'alert.unsilence', target: 'queue-long', user: 'U0SUP', platform: 'slack', venue: 'direct' }),
    ]);
  });
});

function router(sink: ReturnType<typeof createMemoryAuditSink>, alerts?: AlertService) {
  return demoRouter({ alerts, now: BUSY_HOUR, audit: (e) => sink.record(auditEntryOf(e)) });
}

describe('Share in channel', () => {
  it('refuses to share a transcript without looking it up again or recording a view', async () => {
    const sink = createMemoryAuditSink();
    const { router: r, sources } = router(sink);
    h = await startHarness({ router: r });
    const chat = (await sources[0]!.activeChats()).value[0]!;
    await h.post(
      blockActionsBody({ actionId: 'chatops:share:0', value: `/transcript ${chat.id}`, userId: 'U0SUP', responseUrl: h.fake.responseUrl('share-transcript') }),
    );
    const note = await h.fake.waitForResponse((p) => p.id === 'share-transcript');
    expect(String(note.body.text)).toMatch(/private/);
    expect(note.body.response_type).toBe('ephemeral');
    expect(sink.records).toEqual([]);
  });

  it('records a share that was posted', async () => {
    const sink = createMemoryAuditSink();
    const { router: r } = router(sink);
    h = await startHarness({ router: r });
    await h.post(
      blockActionsBody({ actionId: 'chatops:share:0', value: '/queue', userId: 'U0SUP', channelId: 'C0OPS', responseUrl: h.fake.responseUrl('share-queue') }),
    );
    await h.fake.waitForResponse((p) => p.id === 'share-queue' && p.body.response_type === 'in_channel');
    await expect.poll(() => sink.records).toEqual([expect.objectContaining({ action: 'share', target: '/queue', user: 'U0SUP', platform: 'slack' })]);
  });
});
