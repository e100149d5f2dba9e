/**
 * Hostile bodies cost the bot nothing: the real process (`chatops start`, embedded demo, Slack
 * and Teams on) receives unsigned 50 MB POSTs and a body dribbling one byte every 5 s.
 *
 *   npx tsx bench/body-limits.ts
 *
 * Prints, for /slack/events and /api/messages, one at a time and four at once, with and without a
 * Content-Length (chunked): the status, how long until the answer and until the connection was
 * closed, and how much the process's resident memory grew (from /proc/<pid>/status, peak VmHWM
 * included). Then how long a dribbling body is kept open under the default timeouts.
 * Targets: refused in under a second, growth under 20 MB, dribble closed within 30 s.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, portOf } from '../test/support/bot-replica.js';
import { PROCESS_TEST_SECRETS } from '../test/support/test-secrets.js';

const BODY_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

const dir = mkdtempSync(join(tmpdir(), 'chatops-bench-'));
const bot = startReplica({
  dir,
  slackApiUrl: 'http://127.0.0.1:9/api/',
  env: {
    NODE_ENV: 'production',
    MICROSOFT_APP_ID: '00000000-0000-0000-0000-00000000abcd',
    MICROSOFT_APP_PASSWORD: PROCESS_TEST_SECRETS.teamsPassword,
    MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-00000000beef',
  },
});
const { child } = bot;
const port = await portOf(bot);

const mb = (kb: number) => (kb / 1024).toFixed(1);
function memory(): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

interface Outcome {
  status: string;
  answeredMs: number;
  closedMs: number;
  sentMb: number;
}

/** One raw POST, written as fast as the socket takes it until the server answers or closes. */
function hostilePost(path: string, chunked: boolean, signed: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let sent = 0;
    let answeredMs = NaN;
    let status = '(none)';
    let head = '';
    let answered = false;
    socket.on('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${signed ? plausibleAuth(path) : ''}${chunked ? 'transfer-encoding: chunked' : `content-length: ${BODY_BYTES}`}\r\n\r\n`,
      );
      const pump = () => {
        // Like any HTTP client, it stops sending once the answer has come.
        while (sent < BODY_BYTES && !socket.destroyed && !answered) {
          const piece = chunked ? Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]) : CHUNK;
          sent += CHUNK.length;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
        if (chunked && !socket.destroyed && !answered) socket.write('0\r\n\r\n');
      };
      pump();
    });
    socket.on('data', (d: Buffer) => {
      answered = true;
      if (Number.isNaN(answeredMs)) answeredMs = performance.now() - started;
      head += d.toString('latin1');
      status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? status;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status, answeredMs, closedMs: performance.now() - started, sentMb: sent / 1024 / 1024 }));
  });
}

/** Headers that pass the checks made before the body: a well-formed Slack signature with a fresh timestamp, or a bearer token. */
function plausibleAuth(path: string): string {
  return path === '/slack/events'
    ? `x-slack-request-timestamp: ${Math.floor(Date.now() / 1000)}\r\nx-slack-signature: v0=${'0'.repeat(64)}\r\n`
    : 'authorization: Bearer x.y.z\r\n';
}

async function round(label: string, path: string, chunked: boolean, parallel: number, signed = false): Promise<void> {
  const before = memory();
  const outcomes = await Promise.all(Array.from({ length: parallel }, () => hostilePost(path, chunked, signed)));
  const after = memory();
  const worst = (key: 'answeredMs' | 'closedMs') => Math.max(...outcomes.map((o) => o[key])).toFixed(0);
  console.log(
    `${label.padEnd(44)} ${outcomes
      .map((o) => o.status)
      .join(',')
      .padEnd(16)} answered ≤${worst('answeredMs').padStart(5)} ms  closed ≤${worst('closedMs').padStart(5)} ms  ` +
      `client sent ≤${Math.max(...outcomes.map((o) => o.sentMb))
        .toFixed(1)
        .padStart(5)} MB  RSS ${mb(before.rss)} -> ${mb(after.rss)} MB (+${mb(after.rss - before.rss)}), peak ${mb(after.hwm)} MB`,
  );
}

/** A body announced at 100 bytes that arrives one byte every 5 s: how long until the server closes it. */
function dribble(path: string): Promise<{ status: string; closedMs: number; bytes: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let bytes = 0;
    let head = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      // Headers that pass the checks made before the body, so only the timeouts can end it.
      socket.write(`POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${plausibleAuth(path)}content-length: 100\r\n\r\n`);
      const drip = () => {
        if (socket.destroyed) return;
        socket.write('{');
        bytes++;
        timer = setTimeout(drip, 5_000);
      };
      drip();
    });
    socket.on('data', (d: Buffer) => (head += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? '(none)', closedMs: performance.now() - started, bytes });
    });
  });
}

try {
  console.log(`bot pid ${child.pid}, port ${port}, RSS at start ${mb(memory().rss)} MB`);
  for (const path of ['/slack/events', '/api/messages']) {
    for (const chunked of [false, true]) {
      for (const parallel of [1, 4]) {
        await round(`${path} ${chunked ? 'chunked' : 'content-length'} 50 MB ×${parallel}`, path, chunked, parallel);
      }
    }
    // Headers that pass: the body is counted as it streams and cut at the cap.
    for (const parallel of [1, 4]) await round(`${path} plausibly signed, chunked 50 MB ×${parallel}`, path, true, parallel, true);
  }
  if (process.argv.includes('--no-dribble')) process.exit(0);
  const slow = await Promise.all([dribble('/slack/events'), dribble('/api/messages')]);
  for (const [i, d] of slow.entries()) {
    console.log(
      `${['/slack/events', '/api/messages'][i]} dribble 1 byte / 5 s: closed after ${(d.closedMs / 1000).toFixed(1)} s with ${d.status} (${d.bytes} bytes sent)`,
    );
  }
  console.log(`RSS at end ${mb(memory().rss)} MB, peak ${mb(memory().hwm)} MB`);
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
