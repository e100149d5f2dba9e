import { describe, expect, it } from 'vitest';
import { chartOption } from '../../src/charts/chart-option.js';
import { renderChartPng, renderChartSvg } from '../../src/charts/render-chart.js';
import type { ReplyChart } from '../../src/reply/chart.js';

const HOSTILE = '</text><a href="http://evil.example"><text>Pay here</text></a><script>alert(1)</script> & {a|b}';

describe('chart labels are text, not markup', () => {
  it('draws a chart whose series, marker and title carry SVG and rich-text markup, without a link or a script in it', async () => {
    const at = (m: number) => Date.UTC(2026, 10, 21, 14, m);
    const chart = {
      title: HOSTILE,
      description: HOSTILE,
      timeZone: 'America/Bogota',
      kind: 'line',
      series: [
        {
          name: HOSTILE,
          unit: 'count',
          points: [
            [at(0), 3],
            [at(3), 9],
          ],
        },
      ],
      markers: [{ at: at(2), label: HOSTILE }],
    } satisfies ReplyChart;
    const png = await renderChartPng(chart);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const svg = await renderChartSvg(chart);
    // Text in the SVG is XML-escaped: no element comes out of a label.
    expect(svg).not.toMatch(/<(a|script)\b/i);
    // A marker's label is its words: no ECharts template ({a}, {b}) or rich-text style is read in it.
    const formatter = (chartOption(chart).series as Array<{ markLine?: { data?: Array<{ label?: { formatter?: unknown } }> } }>)[0]?.markLine?.data?.[0]?.label
      ?.formatter;
    expect(typeof formatter === 'function' ? (formatter as () => string)() : formatter).toBe(HOSTILE);
    expect(typeof formatter).toBe('function');
  }, 60_000);
});
