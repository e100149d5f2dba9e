import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import { chartKey, type ReplyChart } from '../reply/chart.js';
import { CHART_FONT, chartOption } from './chart-option.js';

/** Pixel size of chart images: wide enough to read in Slack and Teams, small enough to upload fast. */
export const CHART_SIZE = { width: 800, height: 400 } as const;

const require = createRequire(import.meta.url);
/** DejaVu Sans, shipped in the app's dependencies: the slim image has no fonts of its own. */
export const CHART_FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/**
 * Draws a chart to SVG with Apache ECharts' server-side renderer. The charting library loads
 * on first use, so commands that draw nothing never pay for it.
 *
 * @example
 *   const svg = await renderChartSvg(reply.chart!);
 */
export async function renderChartSvg(chart: ReplyChart): Promise<string> {
  const echarts = await import('echarts');
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_SIZE.width, height: CHART_SIZE.height });
  try {
    instance.setOption(chartOption(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/**
 * Loads the charting library and the PNG renderer ahead of the first chart (in the background
 * at start), so the first answer with a chart does not pay for loading them.
 */
export async function warmUpCharts(): Promise<void> {
  await Promise.all([import('echarts'), import('@resvg/resvg-js')]);
}

/**
 * Draws a chart to PNG: ECharts to SVG, then resvg (a native renderer shipped prebuilt in its
 * npm package) to PNG with the bundled font only, so the picture is the same on a laptop and
 * in the slim container.
 *
 * @example
 *   const png = await renderChartPng(reply.chart!); // Buffer starting with \x89PNG
 */
export async function renderChartPng(chart: ReplyChart): Promise<Buffer> {
  // Twenty supervisors asking /queue within the same minute get the same chart: drawn once.
  const png = await drawn.fetch(chartKey(chart), { context: chart });
  if (!png) throw new Error('the chart could not be drawn');
  return png;
}

/** Charts drawn lately (and being drawn), by content; a few dozen PNGs of about 50 KB. */
const drawn = new LRUCache<string, Buffer, ReplyChart>({ max: 32, fetchMethod: (_key, _stale, { context }) => drawPng(context) });

async function drawPng(chart: ReplyChart): Promise<Buffer> {
  const svg = await renderChartSvg(chart);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'width', value: CHART_SIZE.width },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
