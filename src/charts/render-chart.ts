import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import { chartKey, type ReplyChart } from '../reply/chart.js';
import { CHART_FONT, CHART_SIZE, chartOption } from './chart-option.js';
import type { ChartTheme } from './chart-theme.js';
import { fontMetrics, type FontMetrics } from './font-metrics.js';

/** Pixels per layout pixel in the PNG: sharp on high-density screens (phones, most laptops). */
export const CHART_PIXEL_RATIO = 2;

const require = createRequire(import.meta.url);
/** DejaVu Sans, shipped in the app's dependencies: the slim image has no fonts of its own. */
export const CHART_FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const CHART_BOLD_FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface RenderChartOptions {
  /** `dark` for a client in a dark theme (Teams' dark theme); default `light`. */
  theme?: ChartTheme;
}

let metrics: { regular: FontMetrics; bold: FontMetrics } | undefined;

/**
 * Draws a chart to SVG with Apache ECharts' server-side renderer. The charting library loads
 * on first use, so commands that draw nothing never pay for it. Text is measured with the
 * font resvg draws it in, so labels and legends get the room they take.
 *
 * @example
 *   const svg = await renderChartSvg(reply.chart!);
 */
export async function renderChartSvg(chart: ReplyChart, options: RenderChartOptions = {}): Promise<string> {
  const echarts = await import('echarts');
  if (!metrics) {
    metrics = { regular: fontMetrics(CHART_FONT_FILE), bold: fontMetrics(CHART_BOLD_FONT_FILE) };
    const measureText = (text: string, font?: string) => {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
      const bold = /\b(bold|[6-9]00)\b/.test(font ?? '');
      return { width: (bold ? metrics!.bold : metrics!.regular).width(text ?? '', size) };
    };
    echarts.setPlatformAPI({ measureText: measureText as never });
  }
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_SIZE.width, height: CHART_SIZE.height });
  try {
    instance.setOption(chartOption(chart, options));
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
 * Draws a chart to PNG at twice its layout size: ECharts to SVG, then resvg (a native renderer
 * shipped prebuilt in its npm package) to PNG with the bundled font only, so the picture is the
 * same on a laptop and in the slim container.
 *
 * @example
 *   const png = await renderChartPng(reply.chart!); // Buffer starting with \x89PNG, 1600 x 800
 */
export async function renderChartPng(chart: ReplyChart, options: RenderChartOptions = {}): Promise<Buffer> {
  const theme = options.theme ?? 'light';
  // Twenty supervisors asking /queue within the same minute get the same chart: drawn once.
  const png = await drawn.fetch(`${theme}:${chartKey(chart)}`, { context: { chart, theme } });
  if (!png) throw new Error('the chart could not be drawn');
  return png;
}

/** Charts drawn lately (and being drawn), by content and theme; a few dozen PNGs of about 100 KB. */
const drawn = new LRUCache<string, Buffer, { chart: ReplyChart; theme: ChartTheme }>({
  max: 32,
  fetchMethod: (_key, _stale, { context }) => drawPng(context.chart, context.theme),
});

async function drawPng(chart: ReplyChart, theme: ChartTheme): Promise<Buffer> {
  const svg = await renderChartSvg(chart, { theme });
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { fontFiles: [CHART_FONT_FILE, CHART_BOLD_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'width', value: CHART_SIZE.width * CHART_PIXEL_RATIO },
  });
  return resvg.render().asPng();
}
