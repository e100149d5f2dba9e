import { formatsFor, type Formats } from './formats.js';
import { resolveLocale, type Locale } from './locale.js';
import { translate, type Translate } from './messages.js';

/** Everything an answer needs to speak one language: its messages and its number and date formats. */
export interface Localized {
  locale: Locale;
  t: Translate;
  fmt: Formats;
}

/**
 * The messages and formats for a locale tag (resolved: `es-LA` -> `es`; missing -> English).
 *
 * @example
 *   const { t, fmt } = localized(ctx.asker.locale);
 *   t('queue.title', { source: source.label }); // "Cola — Bogotá" for a Spanish asker
 */
export function localized(tag: string | undefined): Localized {
  const locale = resolveLocale(tag);
  const t = translate(locale);
  return { locale, t, fmt: formatsFor(locale, t) };
}
