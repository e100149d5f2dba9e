import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CHART_LINK_TTL_MS, createChartLinks } from '../../src/charts/chart-links.js';
import type { ReplyChart } from '../../src/reply/chart.js';

const SECRET = 'harden-chart-secret';
const chart: ReplyChart = {
  title: 'Waiting',
  description: 'Waiting 3 → 9',
  series: [
    {
      name: 'Waiting',
      points: [
        { at: '2026-11-21T14:00:00Z', value: 3 },
        { at: '2026-11-21T14:03:00Z', value: 9 },
      ],
    },
  ],
} as unknown as ReplyChart;

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The chart route behind a real server; the picture is a stand-in (drawing is not under test). */
async function serve(): Promise<{ links: ReturnType<typeof createChartLinks>; get(path: string): Promise<number> }> {
  const links = createChartLinks({ publicUrl: 'https://bot.example', secret: SECRET, render: async () => Buffer.from('png') });
  server = http.createServer((req, res) => void links.handler(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    links,
    async get(path) {
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      return res.status;
    },
  };
}

/** A link for `id` expiring at `exp`, signed as the bot signs (what someone holding the secret could mint). */
function signed(id: string, exp: number): string {
  const sig = createHmac('sha256', SECRET).update(`${id}.${exp}`).digest('base64url');
  return `/charts?id=${id}&exp=${exp}&sig=${sig}`;
}

describe('signed chart links have a maximum lifetime', () => {
  it('serves a link the bot made', async () => {
    const { links, get } = await serve();
    const url = new URL(await links.link(chart));
    expect(await get(`${url.pathname}${url.search}`)).toBe(200);
  });

  it.each([
    ['ten years ahead', 10 * 365 * 86_400_000],
    ['a day past the lifetime', CHART_LINK_TTL_MS + 86_400_000],
  ])('refuses a correctly signed link whose exp is %s', async (_label, aheadMs) => {
    const { links, get } = await serve();
    const id = new URL(await links.link(chart)).searchParams.get('id')!;
    expect(await get(signed(id, Math.ceil((Date.now() + aheadMs) / 1000)))).toBe(403);
  });

  it('still serves a link dated at the edge of the lifetime (clocks of replicas differ a little)', async () => {
    const { links, get } = await serve();
    const id = new URL(await links.link(chart)).searchParams.get('id')!;
    expect(await get(signed(id, Math.ceil((Date.now() + CHART_LINK_TTL_MS + 60_000) / 1000)))).toBe(200);
  });
});
