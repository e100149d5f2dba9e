/**
 * Host configs close to what Microsoft Teams gives the Adaptive Cards renderer (light and dark
 * themes): Segoe UI at 12/14/18 px, 8/12/16 px spacing, and Teams' own foreground colours, whose
 * "good" (#92C353) and "warning" (#F8D22A) are hard to read on white. Where Segoe UI is missing (a
 * Linux CI), DejaVu Sans stands in: it is wider, so a card that fits with it fits in Teams.
 */
const FONT = "'Segoe UI', 'DejaVu Sans', sans-serif";

const spacing = { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 };
const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 200, default: 400, bolder: 600 };

function colors(base: { text: string; subtle: string; accent: string; good: string; warning: string; attention: string }) {
  const pair = (c: string, s = c) => ({ default: c, subtle: s });
  return {
    default: pair(base.text, base.subtle),
    dark: pair(base.text, base.subtle),
    light: pair(base.subtle, base.subtle),
    accent: pair(base.accent),
    good: pair(base.good),
    warning: pair(base.warning),
    attention: pair(base.attention),
  };
}

function hostConfig(theme: 'light' | 'dark') {
  const light = theme === 'light';
  const fg = light
    ? colors({ text: '#242424', subtle: '#616161', accent: '#6264A7', good: '#92C353', warning: '#F8D22A', attention: '#C4314B' })
    : colors({ text: '#FFFFFF', subtle: '#C8C6C4', accent: '#A6A7DC', good: '#92C353', warning: '#F8D22A', attention: '#F9526B' });
  const bg = light
    ? { default: '#FFFFFF', emphasis: '#F5F5F5', good: '#E7F2DA', warning: '#FBF6D9', attention: '#FCF4F6', accent: '#E8EBFA' }
    : { default: '#292929', emphasis: '#1F1F1F', good: '#0D2E0D', warning: '#463100', attention: '#3E1F25', accent: '#2F2F4A' };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: fg });
  return {
    fontFamily: FONT,
    spacing,
    separator: { lineThickness: 1, lineColor: light ? '#E0E0E0' : '#3D3D3D' },
    supportsInteractivity: true,
    fontTypes: {
      default: { fontFamily: FONT, fontSizes, fontWeights },
      monospace: { fontFamily: "Consolas, 'DejaVu Sans Mono', monospace", fontSizes, fontWeights },
    },
    fontSizes,
    fontWeights,
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: style(bg.default),
      emphasis: style(bg.emphasis),
      good: style(bg.good),
      warning: style(bg.warning),
      attention: style(bg.attention),
      accent: style(bg.accent),
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
    },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 16,
    },
  };
}

export const TEAMS_HOST_CONFIG = { light: hostConfig('light'), dark: hostConfig('dark') };
export type TeamsTheme = keyof typeof TEAMS_HOST_CONFIG;
