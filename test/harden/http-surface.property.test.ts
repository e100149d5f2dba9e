import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { signSlackRequest } from '../fakes/fake-slack.js';
import { SECRET, startSurface, type Surface } from './surface.js';

const PATHS = ['/slack/events', '/api/messages', '/healthz', '/readyz', '/metrics'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=utf-8',
  'multipart/form-data; boundary=x',
  '',
];

/** A body: now and then one past the cap; else JSON of any shape, Slack-style forms (payload= JSON, slash commands), activity-like JSON, arbitrary text or bytes. */
const body = fc.oneof(
  { arbitrary: fc.constantFrom(1024 * 1024 + 1, 2 * 1024 * 1024).map((size) => 'a'.repeat(size)), weight: 1 },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 3 },
  fc.json({ maxDepth: 2 }).map((json) => `payload=${encodeURIComponent(json)}`),
  fc
    .record(
      {
        command: fc.constantFrom('/queue', '/transcript', '/x'),
        text: fc.string({ maxLength: 60 }),
        user_id: fc.oneof(fc.constant('U1'), fc.string({ maxLength: 5 })),
        channel_id: fc.string({ maxLength: 5 }),
        response_url: fc.constant('http://127.0.0.1:9/r'),
      },
      { requiredKeys: [] },
    )
    .map((f) => new URLSearchParams(f as Record<string, string>).toString()),
  fc
    .record(
      {
        type: fc.constantFrom('message', 'invoke', 'conversationUpdate', 'x'),
        serviceUrl: fc.constant('http://127.0.0.1:9/'),
        conversation: fc.anything({ maxDepth: 1 }),
        from: fc.anything({ maxDepth: 1 }),
        text: fc.anything({ maxDepth: 0 }),
      },
      { requiredKeys: ['type'] },
    )
    .map((a) => JSON.stringify(a)),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

/** Headers: none, Slack's (signed right, signed stale or future, forged), a bearer token of any shape, junk. */
const auth = fc.oneof(
  fc.constant<'none'>('none'),
  fc.constant<'signed'>('signed'),
  fc.integer({ min: -400 * 86_400, max: 400 * 86_400 }).map((skew) => ({ skew })),
  fc.record({
    'x-slack-signature': fc.string({ maxLength: 80 }),
    'x-slack-request-timestamp': fc.oneof(fc.string({ maxLength: 14 }), fc.integer().map(String)),
  }),
  fc.string({ maxLength: 200 }).map((token) => ({ authorization: `Bearer ${token.replace(/[\r\n]/g, '')}` })),
  fc.dictionary(
    fc.constantFrom('x-slack-retry-num', 'x-slack-retry-reason', 'content-encoding', 'expect', 'accept', 'x-forwarded-for'),
    fc.string({ maxLength: 40 }).map((v) => v.replace(/[^\x20-\x7e]/g, '')),
  ),
);

let surface: Surface;
afterEach(async () => {
  await surface?.close();
});

describe('the HTTP surface under generated requests', () => {
  it.each([
    ['Teams authenticated', false],
    ['Teams anonymous (emulator mode), so activities reach the turn', true],
  ])(
    'answers every method, path, header and body with a status below 500, stays up and keeps its memory (%s)',
    async (_label, anonymousTeams) => {
      surface = await startSurface({ anonymousTeams });
      const rssBefore = process.memoryUsage().rss;
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: fc.constant('POST'), weight: 4 }, { arbitrary: fc.constantFrom(...METHODS), weight: 2 }),
          fc.oneof({ arbitrary: fc.constantFrom(...PATHS), weight: 8 }, { arbitrary: fc.webPath(), weight: 1 }),
          fc.constantFrom(...CONTENT_TYPES),
          auth,
          body,
          async (method, path, contentType, how, text) => {
            const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
            if (how === 'signed') Object.assign(headers, signSlackRequest(SECRET, text), contentType ? { 'content-type': contentType } : {});
            else if (how !== 'none' && 'skew' in how) Object.assign(headers, signSlackRequest(SECRET, text, Math.floor(Date.now() / 1000) + Number(how.skew)));
            else if (how !== 'none') Object.assign(headers, how);
            delete headers.expect;
            const withBody = method !== 'HEAD';
            const res = await request(`${surface.url}${path.startsWith('/') ? path : `/${path}`}`, { method, headers, body: withBody ? text : undefined });
            await res.body.dump();
            seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
            expect(res.statusCode, `${method} ${path} ${JSON.stringify(headers)} ${text.slice(0, 200)}`).toBeLessThan(500);
          },
        ),
        {
          numRuns: 250,
          // The answers that matter, reached on every run rather than by chance: a malformed signed
          // body (400), an unsigned one (401), an unknown path (404), a wrong method (405), a body
          // past the cap (413) and the health page (200). The generator explores around them.
          examples: [
            ['POST', '/slack/events', 'application/json', 'signed', '{"not json'],
            ['POST', '/slack/events', 'application/json', 'none', '{}'],
            ['GET', '/no-such-page', '', 'none', ''],
            ['DELETE', '/slack/events', '', 'none', ''],
            ['POST', '/slack/events', 'application/json', 'none', 'a'.repeat(2 * 1024 * 1024)],
            ['GET', '/healthz', '', 'none', ''],
          ],
        },
      );
      const health = await request(`${surface.url}/healthz`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      // Nothing a request sent is kept: at most a few 2 MB bodies are alive at any time.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
      // The generator reached the answers that matter, not only 404s.
      for (const status of [200, 401, 404, 405, 413]) expect(seen.get(status) ?? 0, `status ${status} seen`).toBeGreaterThan(0);
      // A body refused for its shape (400) or a request refused for where it would send (403): with
      // Teams authenticated, most activities are refused for their token (401) before either.
      expect((seen.get(400) ?? 0) + (seen.get(403) ?? 0), 'status 400 or 403 seen').toBeGreaterThan(0);
    },
    120_000,
  );
});
