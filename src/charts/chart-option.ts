import type { EChartsOption, LineSeriesOption, BarSeriesOption } from 'echarts';
import { DateTime } from 'luxon';
import type { ChartSeries, ReplyChart } from '../reply/chart.js';
import { formatDuration } from '../reply/format.js';

/** The font shipped with the app (dejavu-fonts-ttf); the renderer loads no system fonts. */
export const CHART_FONT = 'DejaVu Sans';

/** Steps of a duration axis: ticks read "1m, 2m, 3m" or "5m, 10m", never "1m 40s". */
const SECOND_STEPS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600];

const TONE_COLOR = { warning: '#d97706', danger: '#dc2626', good: '#16a34a' } as const;
/** One colour per series name's position among the main series; comparisons take a paler one. */
const MAIN_COLORS = ['#2563eb', '#ea580c', '#7c3aed', '#0d9488'];
const PALE_COLORS = ['#93c5fd', '#fdba74', '#c4b5fd', '#5eead4'];

/**
 * The ECharts option that draws a `ReplyChart`: a time axis in the operation's clock, counts on
 * the left axis, durations on the right, comparison series pale and dashed, alert markers as
 * labelled vertical lines. No animation, no interactivity: this is drawn once, to SVG.
 *
 * @example
 *   const option = chartOption(reply.chart!);
 */
export function chartOption(chart: ReplyChart): EChartsOption {
  const zone = chart.timeZone;
  const hasSeconds = chart.series.some((s) => s.unit === 'seconds');
  const hasCounts = chart.series.some((s) => s.unit === 'count');
  const mains = chart.series.filter((s) => s.role !== 'comparison');
  const colorOf = (s: ChartSeries) => {
    const base = s.name.replace(/, last week$/, '');
    const i = Math.max(
      0,
      mains.findIndex((m) => m.name === base || m === s),
    );
    return (s.role === 'comparison' ? PALE_COLORS : MAIN_COLORS)[i % MAIN_COLORS.length]!;
  };
  const all = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const min = Math.min(...all);
  const max = Math.max(...all) + (chart.kind === 'bar' ? (chart.periodMs ?? 3_600_000) : 0);

  const series = chart.series.map((s, i) => {
    const color = colorOf(s);
    const yAxisIndex = hasCounts && hasSeconds && s.unit === 'seconds' ? 1 : 0;
    const markLine =
      i === 0 && chart.markers?.length
        ? {
            symbol: 'none',
            silent: true,
            animation: false,
            data: chart.markers.map((m) => ({
              xAxis: m.at,
              lineStyle: { color: TONE_COLOR[m.tone ?? 'warning'], type: 'solid' as const, width: 1.5 },
              // A function, so the label is its words: a string formatter would read {a}, {b} and {style|…} in it.
              label: {
                formatter: () => m.label,
                color: TONE_COLOR[m.tone ?? 'warning'],
                fontFamily: CHART_FONT,
                fontSize: 11,
                position: 'insideEndTop' as const,
              },
            })),
          }
        : undefined;
    // A bar is drawn at the middle of its period, so that 10:00-11:00 sits between the ticks.
    const shift = chart.kind === 'bar' ? (chart.periodMs ?? 3_600_000) / 2 : 0;
    const data = s.points.map(([at, v]) => [at + shift, v]);
    if (chart.kind === 'bar') {
      const bar: BarSeriesOption = { type: 'bar', name: s.name, data, yAxisIndex, itemStyle: { color }, barMaxWidth: 14, barGap: '10%', markLine };
      return bar;
    }
    const line: LineSeriesOption = {
      type: 'line',
      name: s.name,
      data,
      yAxisIndex,
      showSymbol: false,
      connectNulls: false,
      lineStyle: { color, width: s.role === 'comparison' ? 1.5 : 2.5, type: s.role === 'comparison' ? 'dashed' : 'solid' },
      itemStyle: { color },
      z: s.role === 'comparison' ? 1 : 2,
      markLine,
    };
    return line;
  });

  const yAxis: EChartsOption['yAxis'] = [];
  if (hasCounts) yAxis.push({ type: 'value', minInterval: 1, min: 0, axisLabel: { fontFamily: CHART_FONT } });
  if (hasSeconds) {
    const top = Math.max(60, ...chart.series.filter((s) => s.unit === 'seconds').flatMap((s) => s.points.map((p) => p[1] ?? 0)));
    const step = SECOND_STEPS.find((candidate) => top / candidate <= 5) ?? 3600 * Math.ceil(top / 5 / 3600);
    yAxis.push({
      type: 'value',
      min: 0,
      interval: step,
      max: Math.ceil(top / step) * step,
      splitLine: { show: !hasCounts },
      axisLabel: { fontFamily: CHART_FONT, formatter: (v: number) => formatDuration(v) },
    });
  }

  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT },
    title: { text: chart.title, left: 16, top: 10, textStyle: { fontFamily: CHART_FONT, fontSize: 15, fontWeight: 'bold', color: '#1f2937' } },
    legend: { bottom: 8, textStyle: { fontFamily: CHART_FONT, fontSize: 12 }, data: chart.series.map((s) => s.name) },
    grid: { left: 56, right: hasCounts && hasSeconds ? 64 : 24, top: 48, bottom: 64 },
    xAxis: {
      type: 'time',
      min,
      max,
      axisLabel: { fontFamily: CHART_FONT, hideOverlap: true, formatter: (v: number) => DateTime.fromMillis(v, { zone }).toFormat('HH:mm') },
      splitLine: { show: false },
    },
    yAxis,
    series,
  };
}
