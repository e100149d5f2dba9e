import type { RouteHandler } from './server.js';

/**
 * `GET /privacy` and `GET /terms`: the pages the Teams app package links to. Plain statements of
 * what the bot does with data; an operator who needs their own text puts a proxy route in front.
 */
export function policyPages(): Record<string, RouteHandler> {
  const page =
    (title: string, paragraphs: string[]): RouteHandler =>
    (_req, res) => {
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=3600' }).end(body);
    };
  return {
    'GET /privacy': page('Privacy', [
      'This bot is run by your organisation for its contact-center supervisors. It reads queue, agent and conversation data from your contact-center platform when someone asks, and posts alerts and summaries to the channels your organisation configured.',
      'It keeps no conversation content: answers are cached for seconds to minutes to spare the vendor quota, then dropped. Customer phone numbers are masked in everything it posts and never written to its logs.',
      'Every transcript view is recorded in an audit log (who, which chat, when). Alert state and Teams conversation references are kept in your organisation\u2019s Redis.',
      'For questions about your data, contact your organisation\u2019s administrator of this bot.',
    ]),
    'GET /terms': page('Terms of use', [
      'This bot is provided by your organisation to its staff for supervising the contact center. Use it within your organisation\u2019s policies for customer data.',
      'Transcripts are for supervisors only and are shown privately; do not copy them to places where others can read them.',
      'Figures come from your contact-center platform and may lag it by the cache time shown on each answer.',
    ]),
  };
}
