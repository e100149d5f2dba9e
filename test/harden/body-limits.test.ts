import { afterEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { signSlackRequest } from '../fakes/fake-slack.js';
import { plausibleToken, rawRequest, SECRET, startSurface, type Surface } from './surface.js';

const MB = 1024 * 1024;
const FIFTY_MB = Buffer.alloc(50 * MB, 'a');

/** 50 MB in 64 KB pieces without a Content-Length (chunked), so only counting can stop it. */
async function* streamed(): AsyncGenerator<Buffer> {
  for (let at = 0; at < FIFTY_MB.length; at += 64 * 1024) yield FIFTY_MB.subarray(at, at + 64 * 1024);
}

let surface: Surface | undefined;
afterEach(async () => {
  await surface?.close();
  surface = undefined;
});

describe('bodies are judged before they are read', () => {
  it('refuses an unsigned 50 MB body to /slack/events with 413 from its Content-Length and closes the connection', async () => {
    surface = await startSurface();
    const res = await request(`${surface.url}/slack/events`, { method: 'POST', body: FIFTY_MB, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe('close');
    await res.body.dump();
  });

  it('refuses four at once on both platform endpoints', async () => {
    surface = await startSurface();
    const answers = await Promise.all(
      ['/slack/events', '/slack/events', '/api/messages', '/api/messages'].map(async (path) => {
        const res = await request(`${surface!.url}${path}`, { method: 'POST', body: FIFTY_MB });
        await res.body.dump();
        return res.statusCode;
      }),
    );
    expect(answers).toEqual([413, 413, 413, 413]);
  });

  it('refuses an unsigned streamed body with 401 from the headers alone', async () => {
    surface = await startSurface();
    const res = await request(`${surface.url}/slack/events`, { method: 'POST', body: Readable.from(streamed()) });
    expect(res.statusCode).toBe(401);
    expect(res.headers.connection).toBe('close');
    await res.body.dump();
  });

  it('cuts a streamed body with plausible headers at the cap: 413 on Slack and Teams', async () => {
    surface = await startSurface();
    const slackHeaders = { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    const slack = await request(`${surface.url}/slack/events`, { method: 'POST', body: Readable.from(streamed()), headers: slackHeaders });
    const teams = await request(`${surface.url}/api/messages`, {
      method: 'POST',
      body: Readable.from(streamed()),
      headers: { authorization: `Bearer ${plausibleToken()}` },
    });
    expect([slack.statusCode, teams.statusCode]).toEqual([413, 413]);
    await slack.body.dump();
    await teams.body.dump();
  });

  it('refuses a body on GET routes and unknown paths without reading it, closing the connection', async () => {
    surface = await startSurface();
    const res = await request(`${surface.url}/healthz`, { method: 'GET', body: FIFTY_MB });
    expect(res.statusCode).toBe(413);
    await res.body.dump();
    const unknown = await request(`${surface.url}/nope`, { method: 'POST', body: Readable.from(streamed()) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers.connection).toBe('close');
    await unknown.body.dump();
  });
});

describe('Slack signature and timestamp', () => {
  const form = 'token=x&team_id=T1&user_id=U1&command=%2Fqueue&text=&channel_id=C1&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fr';

  it.each([
    ['6 minutes in the future', 6 * 60],
    ['a year in the future', 365 * 86_400],
    ['6 minutes old', -6 * 60],
  ])('refuses a correctly signed request whose timestamp is %s (401)', async (_label, skew) => {
    surface = await startSurface();
    const headers = signSlackRequest(SECRET, form, Math.floor(Date.now() / 1000) + skew);
    const res = await request(`${surface.url}/slack/events`, { method: 'POST', body: form, headers });
    expect(res.statusCode).toBe(401);
    await res.body.dump();
  });

  it.each([
    ['payload=null', 'payload=null'],
    ['payload=[]', 'payload=%5B%5D'],
    ['payload="text"', 'payload=%22text%22'],
    ['payload that is not JSON', 'payload=%7Bnope'],
    ['payload with a string "type" of the wrong kind', `payload=${encodeURIComponent(JSON.stringify({ type: 42 }))}`],
    [
      'block_actions without a user',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'chatops:run:1', value: '/queue' }] }))}`,
    ],
  ])('answers a signed %s with 400, not 500', async (_label, body) => {
    surface = await startSurface();
    const res = await request(`${surface.url}/slack/events`, { method: 'POST', body, headers: signSlackRequest(SECRET, body) });
    expect(res.statusCode).toBe(400);
    await res.body.dump();
  });

  it('still answers a well-formed signed slash command', async () => {
    surface = await startSurface();
    const res = await request(`${surface.url}/slack/events`, { method: 'POST', body: form, headers: signSlackRequest(SECRET, form) });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });
});

describe('server timeouts', () => {
  it('closes a body that dribbles in (408) once the request time is up', async () => {
    surface = await startSurface({ timeouts: { requestMs: 300, checkEveryMs: 50 } });
    let timer: NodeJS.Timeout | undefined;
    const head = `POST /api/messages HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${plausibleToken()}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n`;
    const answer = await rawRequest(surface.port, head, (socket) => {
      const drip = () => {
        if (socket.destroyed) return;
        socket.write('{');
        timer = setTimeout(drip, 100);
      };
      drip();
    });
    clearTimeout(timer);
    expect(answer.status).toBe(408);
  });

  it('closes a connection whose headers never finish', async () => {
    surface = await startSurface({ timeouts: { headersMs: 200, requestMs: 300, checkEveryMs: 50 } });
    const answer = await rawRequest(surface.port, 'POST /slack/events HTTP/1.1\r\nhost: x\r\n');
    expect(answer.status).toBe(408);
  });
});
