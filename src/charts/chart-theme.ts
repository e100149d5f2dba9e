/** `light` for Slack and Teams' default theme; `dark` for Teams' dark theme. */
export type ChartTheme = 'light' | 'dark';

/**
 * Colours of a chart on a light or a dark background: series colours keep 3:1 against the
 * background, text 4.5:1; comparisons (last week) are paler than the main series in both.
 */
export const CHART_THEMES = {
  light: {
    background: '#ffffff',
    title: '#1f2937',
    text: '#374151',
    axis: '#6b7280',
    grid: '#e5e7eb',
    main: ['#2563eb', '#ea580c', '#7c3aed', '#0d9488'],
    pale: ['#93c5fd', '#fdba74', '#c4b5fd', '#5eead4'],
    tone: { warning: '#b45309', danger: '#dc2626', good: '#15803d' },
  },
  dark: {
    background: '#292929',
    title: '#f3f4f6',
    text: '#d1d5db',
    axis: '#9ca3af',
    grid: '#404040',
    main: ['#60a5fa', '#fb923c', '#a78bfa', '#2dd4bf'],
    pale: ['#4b6fa8', '#a86b43', '#7d6bb0', '#3f8c84'],
    tone: { warning: '#fbbf24', danger: '#f87171', good: '#4ade80' },
  },
} as const;
