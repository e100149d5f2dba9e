import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartOption } from '../../src/charts/chart-option.js';
import { fontMetrics } from '../../src/charts/font-metrics.js';
import { CHART_FONT_FILE, renderChartPng, renderChartSvg } from '../../src/charts/render-chart.js';
import type { ReplyChart } from '../../src/reply/chart.js';
import { replyKinds } from '../support/reply-kinds.js';
import { pngSize } from './demo-with-history.js';

/** Pictures for a person to look at (git-ignored). */
const OUTPUT = join(import.meta.dirname, '../output/charts');

const at = (minute: number) => Date.UTC(2026, 10, 17, 15, 30 + minute);
const wave = (f: (m: number) => number) => Array.from({ length: 61 }, (_, m): [number, number] => [at(m * 2), f(m)]);

/** Waiting and longest wait over two hours, last week's beside them, two rules and four alerts, three of them within a minute. */
const CHART: ReplyChart = {
  title: 'Demo contact center: waiting and longest wait, last 2 hours',
  description: 'Waiting 2 → 11 (peak 13).',
  timeZone: 'America/Bogota',
  kind: 'line',
  series: [
    { name: 'Waiting', unit: 'count', points: wave((m) => Math.round(6 + 5 * Math.sin(m / 6))) },
    { name: 'Longest wait', unit: 'seconds', points: wave((m) => 60 + 50 * m) },
    { name: 'Waiting, last week', unit: 'count', role: 'comparison', points: wave((m) => Math.round(4 + 3 * Math.cos(m / 7))) },
    { name: 'Longest wait, last week', unit: 'seconds', role: 'comparison', points: wave((m) => 90 + 20 * m) },
  ],
  markers: [
    { at: at(40), label: 'queue-long', tone: 'danger' },
    { at: at(40.5), label: 'queue-long', tone: 'danger' },
    { at: at(41), label: 'wait-long' },
    { at: at(90), label: 'queue-long', tone: 'danger' },
  ],
  thresholds: [
    { value: 8, unit: 'count', label: 'queue-long: above 8', tone: 'danger' },
    { value: 240, unit: 'seconds', label: 'wait-long: above 4m', tone: 'warning' },
  ],
  axes: { count: 'Chats waiting', seconds: 'Longest wait' },
};

/** Each `<text>` of the SVG with where it starts and its words. */
function texts(svg: string): Array<{ x: number; y: number; text: string; anchor: string }> {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1]!;
    const t = /translate\(([-\d.]+)\s+([-\d.]+)\)/.exec(attrs);
    const own = (name: string) => Number(new RegExp(` ${name}="([-\\d.]+)"`).exec(attrs)?.[1] ?? 0);
    return {
      x: Number(t?.[1] ?? 0) + own('x'),
      y: Number(t?.[2] ?? 0) + own('y'),
      text: m[2]!.replace(/&amp;/g, '&'),
      anchor: /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start',
    };
  });
}

describe('charts as a supervisor reads them', () => {
  it('draw at twice the pixels, light and dark, and keep both for a look', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const png = await renderChartPng(CHART, { theme });
      expect(pngSize(png)).toEqual({ width: 1600, height: 800 });
      writeFileSync(join(OUTPUT, `queue-wait-${theme}.png`), png);
    }
    const light = await renderChartSvg(CHART);
    const dark = await renderChartSvg(CHART, { theme: 'dark' });
    expect(light).toContain('#ffffff');
    expect(dark).toContain('#292929');
  }, 60_000);

  it('draw each alert threshold as a labelled line, and title both axes with what they count', async () => {
    const words = texts(await renderChartSvg(CHART)).map((t) => t.text);
    expect(words).toEqual(expect.arrayContaining(['queue-long: above 8', 'wait-long: above 4m', 'Chats waiting', 'Longest wait', 'Bogota time']));
    const option = chartOption(CHART) as { series: Array<{ markLine?: { data: Array<{ yAxis?: number }> } }>; yAxis: Array<{ name: string }> };
    const lines = option.series.flatMap((s) => s.markLine?.data ?? []).filter((d) => d.yAxis !== undefined);
    expect(lines.map((d) => d.yAxis)).toEqual([8, 240]);
  });

  it('/queue’s chart carries the thresholds of the rules on its source’s whole queue', async () => {
    const kinds = await replyKinds();
    try {
      const chart = kinds.kinds.find((k) => k.name === 'queue')!.reply.chart!;
      expect(chart.thresholds).toEqual([
        { value: 8, unit: 'count', label: 'queue-long: above 8', tone: 'danger' },
        { value: 240, unit: 'seconds', label: 'wait-long: above 4m', tone: 'warning' },
      ]);
      writeFileSync(join(OUTPUT, 'queue-demo.png'), await renderChartPng(chart));
      writeFileSync(join(OUTPUT, 'summary-demo.png'), await renderChartPng(kinds.kinds.find((k) => k.name === 'summary')!.reply.chart!));
    } finally {
      await kinds.close();
    }
  }, 60_000);

  it('shows a threshold the figures never reached', async () => {
    const calm: ReplyChart = { ...CHART, thresholds: [{ value: 40, unit: 'count', label: 'queue-huge: above 40' }] };
    const ticks = texts(await renderChartSvg(calm)).map((t) => t.text);
    expect(ticks).toContain('queue-huge: above 40');
    expect(ticks).toContain('45');
  });

  it('lays the legend out with the font it is drawn in: no label runs into the next one', async () => {
    const metrics = fontMetrics(CHART_FONT_FILE);
    const legend = texts(await renderChartSvg(CHART))
      .filter((t) => t.y > 340 && CHART.series.some((s) => s.name === t.text))
      .sort((a, b) => a.x - b.x);
    expect(legend).toHaveLength(4);
    for (let i = 1; i < legend.length; i++) {
      const before = legend[i - 1]!;
      // The next label starts after this one's words, the next icon (22 px) and a gap.
      expect(before.x + metrics.width(before.text, 12) + 22).toBeLessThan(legend[i]!.x);
    }
  });

  it('gives alerts fired within moments of each other one label, not overprinted ones', () => {
    const option = chartOption(CHART) as { series: Array<{ markLine?: { data: Array<{ xAxis?: number; label?: { formatter?: () => string } }> } }> };
    const markers = (option.series[0]!.markLine?.data ?? []).filter((d) => d.xAxis !== undefined);
    expect(markers.map((m) => m.label!.formatter!())).toEqual(['queue-long, wait-long', 'queue-long']);
  });
});
