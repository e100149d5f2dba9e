export { localized, type Localized } from './localized.js';
export { LOCALES, DEFAULT_LOCALE, resolveLocale, localeFromEnv, type Locale } from './locale.js';
export { hasMessage, type MessageKey, type MessageValues, type Translate } from './messages.js';
export type { Formats } from './formats.js';
