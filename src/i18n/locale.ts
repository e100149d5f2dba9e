/** The languages the bot speaks; `en-XA` is the pseudo-locale tests use to find untranslated text. */
export const LOCALES = ['en', 'es', 'pt-BR', 'de', 'hu'] as const;
export type Locale = (typeof LOCALES)[number] | 'en-XA';

export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The bot's language for a platform's or the environment's tag: Slack's `es-LA`, Teams'
 * `es-419`, POSIX `es_CO.UTF-8` all give `es` (Latin American Spanish); any Portuguese gives
 * `pt-BR`; anything unknown (or `C`, `POSIX`) gives English.
 *
 * @example
 *   resolveLocale('es_CO.UTF-8'); // "es"
 *   resolveLocale('pt-PT'); // "pt-BR"
 *   resolveLocale('fr-FR'); // "en"
 */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (!tag) return DEFAULT_LOCALE;
  const clean = tag.trim().split(/[.@]/)[0]!.replace(/_/g, '-').toLowerCase();
  if (clean === 'en-xa') return 'en-XA';
  const language = clean.split('-')[0];
  switch (language) {
    case 'es':
      return 'es';
    case 'pt':
      return 'pt-BR';
    case 'de':
      return 'de';
    case 'hu':
      return 'hu';
    default:
      return DEFAULT_LOCALE;
  }
}

/**
 * The console's language from the environment, as POSIX reads it: `LC_ALL`, then
 * `LC_MESSAGES`, then `LANG`.
 *
 * @example
 *   localeFromEnv({ LANG: 'hu_HU.UTF-8' }); // "hu"
 */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  return resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** The tag Intl formats numbers and dates with (the pseudo-locale formats as English). */
export function intlTag(locale: Locale): string {
  return locale === 'en-XA' ? 'en' : locale;
}
