import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { TEAMS_HOST_CONFIG, type TeamsTheme } from './teams-host-config.js';

/** Where the render check keeps its screenshots (git-ignored). */
export const RENDER_OUTPUT = join(import.meta.dirname, '../../output/teams-render');
/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const require = createRequire(import.meta.url);
const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');

/** What a reader would notice on a rendered card. */
export interface RenderedCard {
  /** Each problem in words: "word "Waitin|g" broken across 2 lines", "text in a blockquote: …". */
  problems: string[];
  /** Every text shown, in order. */
  texts: string[];
  screenshot: string;
  height: number;
}

/**
 * Microsoft's Adaptive Cards renderer (the `adaptivecards` package, with markdown-it for card
 * markdown as Teams reads it) in Chromium, at a Teams pane's width and theme. Each card is
 * rendered, measured in the DOM and photographed.
 *
 * @example
 *   const browser = await openCardBrowser();
 *   const shown = await browser.render(card, { width: 360, name: 'queue' });
 *   expect(shown.problems).toEqual([]);
 */
export async function openCardBrowser(): Promise<{
  render: (card: unknown, options: RenderOptions) => Promise<RenderedCard>;
  /** Serves a picture at `http://images.test/<name>` (a chart the card links to). */
  image: (name: string, bytes: Buffer) => string;
  close: () => Promise<void>;
}> {
  const bundle = await build({
    stdin: {
      contents: `
        import * as AC from 'adaptivecards';
        import MarkdownIt from 'markdown-it';
        const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
        AC.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };
        window.AC = AC;`,
      resolveDir: import.meta.dirname,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  mkdirSync(RENDER_OUTPUT, { recursive: true });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--font-render-hinting=none'] });
  const context = await browser.newContext({ deviceScaleFactor: 1 });
  const page: Page = await context.newPage();
  // The fonts from the npm package, served to the page: the same glyphs on every machine.
  await page.route('http://fonts.test/**', (route) => route.fulfill({ path: join(FONT_DIR, new URL(route.request().url()).pathname.slice(1)) }));
  const images = new Map<string, Buffer>();
  await page.route('http://images.test/**', (route) => {
    const bytes = images.get(new URL(route.request().url()).pathname.slice(1));
    return bytes ? route.fulfill({ contentType: 'image/png', body: bytes }) : route.fulfill({ status: 404 });
  });
  await page.route('http://card.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><style>
        @font-face { font-family: 'DejaVu Sans'; src: url(http://fonts.test/DejaVuSans.ttf); }
        @font-face { font-family: 'DejaVu Sans'; font-weight: 600 900; src: url(http://fonts.test/DejaVuSans-Bold.ttf); }
        @font-face { font-family: 'DejaVu Sans Mono'; src: url(http://fonts.test/DejaVuSansMono.ttf); }
        body { margin: 0; padding: 8px; font-family: 'DejaVu Sans'; }
        #pane { box-sizing: border-box; }
      </style></head><body><div id="pane"></div></body></html>`,
    }),
  );
  await page.goto('http://card.test/');
  await page.addScriptTag({ content: script });
  await page.addScriptTag({ path: join(import.meta.dirname, 'measure-card.browser.js') });
  await page.evaluate('Promise.all([document.fonts.load("14px \'DejaVu Sans\'"), document.fonts.load("bold 14px \'DejaVu Sans\'")])');
  return {
    async render(card, options) {
      const theme = options.theme ?? 'light';
      const measured = (await page.evaluate((input) => (globalThis as unknown as { measureCard: (i: unknown) => unknown }).measureCard(input), {
        card,
        width: options.width,
        hostConfig: TEAMS_HOST_CONFIG[theme],
        page: theme === 'light' ? '#F5F5F5' : '#1F1F1F',
      })) as Omit<RenderedCard, 'screenshot'>;
      // Pictures (charts) are part of the card: the screenshot waits for them.
      await page.waitForFunction(() =>
        Array.from((globalThis as unknown as { document: { images: ArrayLike<{ complete: boolean }> } }).document.images).every((i) => i.complete),
      );
      const screenshot = join(RENDER_OUTPUT, `${options.name}-${options.width}${theme === 'dark' ? '-dark' : ''}.png`);
      await page.locator('#pane').screenshot({ path: screenshot });
      return { ...measured, screenshot };
    },
    image(name, bytes) {
      images.set(name, bytes);
      return `http://images.test/${name}`;
    },
    async close() {
      await browser.close();
    },
  };
}

export interface RenderOptions {
  /** The pane's width in CSS pixels (Teams: 360 on a phone, 500 in a narrow pane, 800 wide). */
  width: number;
  /** File name of the screenshot, before the width. */
  name: string;
  theme?: TeamsTheme;
}
