import { describe, expect, it } from 'vitest';
import { renderChartPng } from '../../src/charts/render-chart.js';
import type { ReplyChart } from '../../src/reply/chart.js';

const at = Date.parse('2026-11-30T14:00:00Z');
const chartOf = (waiting: number[]): ReplyChart => ({
  title: 'Waiting, last 2 hours',
  description: `Waiting went from ${waiting[0]} to ${waiting.at(-1)}.`,
  timeZone: 'America/Bogota',
  kind: 'line',
  series: [{ name: 'Waiting', unit: 'count', points: waiting.map((w, i) => [at + i * 60_000, w]) }],
});

describe('chart pictures', () => {
  it('draws a chart asked for by many at once only once, and a different chart anew', async () => {
    const asked = await Promise.all(Array.from({ length: 20 }, () => renderChartPng(chartOf([3, 4, 6, 9]))));
    expect(asked[0]!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // One picture shared by every asker: the very same buffer.
    expect(new Set(asked).size).toBe(1);
    const later = await renderChartPng(chartOf([3, 4, 6, 9]));
    expect(later).toBe(asked[0]);
    const other = await renderChartPng(chartOf([3, 4, 6, 10]));
    expect(other).not.toBe(asked[0]);
    expect(other.equals(asked[0]!)).toBe(false);
  });
});
