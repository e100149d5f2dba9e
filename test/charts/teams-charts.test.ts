import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachChartLink, routerWithCharts } from '../../src/charts/attach-charts.js';
import { CHART_ROUTE, createChartLinks, type ChartLinks } from '../../src/charts/chart-links.js';
import { warmUpCharts } from '../../src/charts/render-chart.js';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../teams/harness.js';
import { validateTeamsCard } from '../teams/card-validator.js';
import { demoWithHistory, pngSize } from './demo-with-history.js';

let clock = Date.now();
let links: ChartLinks;
let server: http.Server;
let publicUrl: string;
let harness: TeamsHarness;
let demo: Awaited<ReturnType<typeof demoWithHistory>>;

beforeAll(async () => {
  // The bot's own HTTP server, where PUBLIC_URL points: it serves GET /charts.
  server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(`${CHART_ROUTE}?`)) return void links.handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  links = createChartLinks({ publicUrl, secret: 'chart-secret-for-tests', now: () => clock });
  await warmUpCharts();
  demo = await demoWithHistory();
  harness = await startTeamsHarness({
    router: routerWithCharts(
      demo.router,
      attachChartLink((chart, options) => links.link(chart, options)),
    ),
  });
});
afterAll(async () => {
  await harness.close();
  await demo.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function queueCardImage(): Promise<string> {
  await harness.send(harness.fixture('message-personal', { text: 'queue' }));
  const card = cardOf(harness.connector.activities.at(-1)!.activity);
  expect(validateTeamsCard(card)).toEqual([]);
  const image = card.body.find((el: { type: string }) => el.type === 'Image');
  // The documented activity comes from an es-CO client: the chart's description is in Spanish.
  expect(image.altText).toMatch(/^En cola \d+ → \d+/);
  lastDarkUrl = image.themedUrls?.find((t: { theme: string }) => t.theme === 'Dark')?.url;
  return image.url as string;
}
let lastDarkUrl: string | undefined;

describe('charts on Teams', () => {
  it('/queue’s card shows an image whose signed link, under PUBLIC_URL, serves the chart as PNG', async () => {
    const url = await queueCardImage();
    expect(url.startsWith(`${publicUrl}${CHART_ROUTE}?id=`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    // Twice the pixels of its 800 x 400 layout: sharp on a phone or a high-density laptop.
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 1600, height: 800 });
  });

  it('offers Teams the chart drawn for its dark theme too, behind a link of its own', async () => {
    const light = new URL(await queueCardImage());
    const dark = new URL(lastDarkUrl!);
    expect(dark.searchParams.get('theme')).toBe('dark');
    expect(dark.searchParams.get('id')).toBe(light.searchParams.get('id'));
    const [lightPng, darkPng] = await Promise.all([fetch(light).then((r) => r.arrayBuffer()), fetch(dark).then((r) => r.arrayBuffer())]);
    expect(Buffer.from(darkPng).equals(Buffer.from(lightPng))).toBe(false);
    // A light link's signature does not open the dark picture, nor the other way.
    const forged = new URL(light);
    forged.searchParams.set('theme', 'dark');
    expect((await fetch(forged)).status).toBe(403);
    const stripped = new URL(dark);
    stripped.searchParams.delete('theme');
    expect((await fetch(stripped)).status).toBe(403);
  });

  it('the same figures asked twice are one kept chart: the links share their id', async () => {
    const first = new URL(await queueCardImage());
    const second = new URL(await queueCardImage());
    expect(second.searchParams.get('id')).toBe(first.searchParams.get('id'));
    expect((await fetch(second)).status).toBe(200);
  });

  it('refuses a link whose signature, id or expiry was changed', async () => {
    const url = new URL(await queueCardImage());
    const tampered = (name: string, value: string) => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return copy.toString();
    };
    const sig = url.searchParams.get('sig')!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered('sig', flipped), tampered('id', 'A'.repeat(43)), tampered('exp', String(Number(url.searchParams.get('exp')) + 3600))]) {
      const res = await fetch(bad);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('This chart link is not valid.\n');
    }
    expect((await fetch(`${publicUrl}${CHART_ROUTE}?id=x`)).status).toBe(400);
  });

  it('refuses a link once it has expired', async () => {
    const url = await queueCardImage();
    expect((await fetch(url)).status).toBe(200);
    clock += 8 * 86_400_000;
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/expired/);
  });
});
