import type { EChartsOption, LineSeriesOption, BarSeriesOption, MarkLineComponentOption } from 'echarts';
import { DateTime } from 'luxon';
import type { ChartSeries, ReplyChart } from '../reply/chart.js';
import { formatCount, formatDuration } from '../reply/format.js';
import { CHART_THEMES, type ChartTheme } from './chart-theme.js';

/** The font shipped with the app (dejavu-fonts-ttf); the renderer loads no system fonts. */
export const CHART_FONT = 'DejaVu Sans';
/** Logical size of a chart: what ECharts lays out; the PNG has twice the pixels (see render-chart). */
export const CHART_SIZE = { width: 800, height: 400 } as const;

/** Steps of a duration axis: ticks read "1m, 2m, 3m" or "5m, 10m", never "1m 40s". */
const SECOND_STEPS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600];
const GRID = { top: 52, bottom: 84, left: 72, right: 28, rightWithSeconds: 80 } as const;
/** Alert markers closer than this (in pixels) share one label: rotated labels side by side would overprint. */
const MARKER_GAP_PX = 16;

export interface ChartOptionOptions {
  /** `dark`: light lines and text on Teams' dark background. Default `light`. */
  theme?: ChartTheme;
}

/**
 * The ECharts option that draws a `ReplyChart`: a time axis in the operation's clock, counts on
 * the left axis and durations on the right, each axis titled with what it counts; comparison
 * series pale and dashed; alert thresholds as dashed horizontal lines on their axis, labelled;
 * alert markers as labelled vertical lines, those too close to read apart sharing one label.
 * No animation, no interactivity: this is drawn once, to SVG.
 *
 * @example
 *   const option = chartOption(reply.chart!, { theme: 'dark' });
 */
export function chartOption(chart: ReplyChart, options: ChartOptionOptions = {}): EChartsOption {
  const theme = CHART_THEMES[options.theme ?? 'light'];
  const zone = chart.timeZone;
  const hasSeconds = chart.series.some((s) => s.unit === 'seconds');
  const hasCounts = chart.series.some((s) => s.unit === 'count');
  const twoAxes = hasCounts && hasSeconds;
  const mains = chart.series.filter((s) => s.role !== 'comparison');
  const colorOf = (s: ChartSeries) => {
    const base = s.name.replace(/, last week$/, '');
    const i = Math.max(
      0,
      mains.findIndex((m) => m.name === base || m === s),
    );
    return (s.role === 'comparison' ? theme.pale : theme.main)[i % theme.main.length]!;
  };
  const all = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const min = Math.min(...all);
  const max = Math.max(...all) + (chart.kind === 'bar' ? (chart.periodMs ?? 3_600_000) : 0);
  const plotWidth = CHART_SIZE.width - GRID.left - (twoAxes ? GRID.rightWithSeconds : GRID.right);
  const thresholds = chart.thresholds ?? [];
  const axisOf = (unit: 'count' | 'seconds') => (twoAxes && unit === 'seconds' ? 1 : 0);
  const label = { fontFamily: CHART_FONT, color: theme.text };

  const markerLines = markerClusters(chart.markers ?? [], (max - min) / plotWidth).map((m) => ({
    xAxis: m.at,
    lineStyle: { color: theme.tone[m.tone ?? 'warning'], type: 'solid' as const, width: 1.5 },
    // A function, so the label is its words: a string formatter would read {a}, {b} and {style|…} in it.
    label: { formatter: () => m.label, color: theme.tone[m.tone ?? 'warning'], fontFamily: CHART_FONT, fontSize: 11, position: 'insideEndTop' as const },
  }));
  const series = chart.series.map((s, i) => {
    const color = colorOf(s);
    const yAxisIndex = axisOf(s.unit);
    // Each axis's thresholds ride on its first series; the markers on the very first.
    const firstOnAxis = chart.series.findIndex((other) => axisOf(other.unit) === yAxisIndex) === i;
    const lines = [
      ...(i === 0 ? markerLines : []),
      ...(firstOnAxis
        ? thresholds
            .filter((t) => t.unit === s.unit)
            .map((t) => ({
              yAxis: t.value,
              lineStyle: { color: theme.tone[t.tone ?? 'danger'], type: 'dashed' as const, width: 1.5 },
              label: {
                formatter: () => t.label,
                color: theme.tone[t.tone ?? 'danger'],
                fontFamily: CHART_FONT,
                fontSize: 11,
                position: 'insideStartTop' as const,
              },
            }))
        : []),
    ];
    const markLine: MarkLineComponentOption | undefined = lines.length ? { symbol: 'none', silent: true, animation: false, data: lines } : undefined;
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

  const axisName = (unit: 'count' | 'seconds') => chart.axes?.[unit] ?? mains.find((s) => s.unit === unit)?.name ?? '';
  const valueAxis = (unit: 'count' | 'seconds') => ({
    type: 'value' as const,
    name: axisName(unit),
    nameLocation: 'middle' as const,
    nameGap: unit === 'count' ? 44 : 52,
    nameTextStyle: { ...label, fontSize: 12 },
    axisLine: { show: true, lineStyle: { color: theme.axis } },
    splitLine: { show: unit === 'count' || !hasCounts, lineStyle: { color: theme.grid } },
  });
  const yAxis: EChartsOption['yAxis'] = [];
  if (hasCounts) {
    const line = Math.max(0, ...thresholds.filter((t) => t.unit === 'count').map((t) => t.value));
    const highest = Math.max(0, ...chart.series.filter((s) => s.unit === 'count').flatMap((s) => s.points.map((p) => p[1] ?? 0)));
    yAxis.push({
      ...valueAxis('count'),
      minInterval: 1,
      min: 0,
      // Room for the threshold line even while the figures stay far under it, up to a round number.
      ...(line >= highest && line > 0 ? { max: Math.ceil((line * 1.1) / 5) * 5 } : {}),
      axisLabel: { ...label, formatter: (v: number) => formatCount(v) },
    });
  }
  if (hasSeconds) {
    const secondsThresholds = thresholds.filter((t) => t.unit === 'seconds').map((t) => t.value * 1.1);
    const top = Math.max(60, ...secondsThresholds, ...chart.series.filter((s) => s.unit === 'seconds').flatMap((s) => s.points.map((p) => p[1] ?? 0)));
    const step = SECOND_STEPS.find((candidate) => top / candidate <= 5) ?? 3600 * Math.ceil(top / 5 / 3600);
    yAxis.push({
      ...valueAxis('seconds'),
      min: 0,
      interval: step,
      max: Math.ceil(top / step) * step,
      axisLabel: { ...label, formatter: (v: number) => formatDuration(v) },
    });
  }

  return {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { fontFamily: CHART_FONT, color: theme.text },
    title: { text: chart.title, left: 16, top: 12, textStyle: { fontFamily: CHART_FONT, fontSize: 15, fontWeight: 'bold', color: theme.title } },
    legend: {
      bottom: 10,
      itemGap: 24,
      itemWidth: 22,
      textStyle: { ...label, fontSize: 12, padding: [0, 0, 0, 2] },
      data: chart.series.map((s) => s.name),
    },
    grid: { left: GRID.left, right: twoAxes ? GRID.rightWithSeconds : GRID.right, top: GRID.top, bottom: GRID.bottom },
    xAxis: {
      type: 'time',
      min,
      max,
      name: `${zone.split('/').at(-1)!.replace(/_/g, ' ')} time`,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { ...label, fontSize: 12 },
      axisLine: { lineStyle: { color: theme.axis } },
      axisLabel: { ...label, hideOverlap: true, formatter: (v: number) => DateTime.fromMillis(v, { zone }).toFormat('HH:mm') },
      splitLine: { show: false },
    },
    yAxis,
    series,
  };
}

/**
 * Markers in time order, those within MARKER_GAP_PX of the previous one folded into it: one
 * line and one label ("queue-long, wait-long" or "queue-long ×3"), the worse tone.
 */
function markerClusters(markers: NonNullable<ReplyChart['markers']>, msPerPixel: number): NonNullable<ReplyChart['markers']> {
  const sorted = [...markers].sort((a, b) => a.at - b.at);
  const clusters: Array<{ at: number; last: number; labels: string[]; tone: 'warning' | 'danger' | 'good' }> = [];
  for (const m of sorted) {
    const open = clusters.at(-1);
    if (open && (m.at - open.last) / msPerPixel < MARKER_GAP_PX) {
      open.labels.push(m.label);
      open.last = m.at;
      if (m.tone === 'danger') open.tone = 'danger';
    } else clusters.push({ at: m.at, last: m.at, labels: [m.label], tone: m.tone ?? 'warning' });
  }
  return clusters.map((c) => {
    const distinct = [...new Set(c.labels)];
    const label = distinct.length === 1 && c.labels.length > 1 ? `${distinct[0]} ×${c.labels.length}` : distinct.join(', ');
    return { at: c.at, label, tone: c.tone };
  });
}
