import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { createChartLinks } from '../../src/charts/chart-links.js';
import type { ReplyChart } from '../../src/reply/chart.js';
import { connectRedis, deleteKeys, uniquePrefix } from '../watcher/kit.js';

const redis = connectRedis();
const prefix = uniquePrefix('chart-links');
afterAll(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
});

const chart: ReplyChart = {
  title: 'Waiting, last 2 hours',
  description: 'Waiting went from 3 to 9.',
  timeZone: 'America/Bogota',
  kind: 'line',
  series: [
    {
      name: 'Waiting',
      unit: 'count',
      points: [
        [1763390000000, 3],
        [1763390060000, 9],
      ],
    },
  ],
};

it('a card posted before the upgrade (a link with a random id) still shows its chart', async () => {
  const secret = 'shared-link-secret';
  const links = createChartLinks({ publicUrl: 'https://bot.example.com', secret, redis, prefix, render: async () => Buffer.from('\x89PNG fake') });
  // What the previous version stored and linked: the chart under a random UUID, signed over id and expiry.
  const id = randomUUID();
  const exp = Math.ceil(Date.now() / 1000) + 3600;
  await redis.set(`${prefix}:chart:${id}`, JSON.stringify(chart), 'PX', 3_600_000);
  const sig = createHmac('sha256', secret).update(`${id}.${exp}`).digest('base64url');
  const server = createServer((req, res) => void links.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/charts?id=${id}&exp=${exp}&sig=${sig}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  } finally {
    server.close();
  }
});
