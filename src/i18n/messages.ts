import i18next, { type i18n } from 'i18next';
import { de } from './locales/de.js';
import { en } from './locales/en.js';
import { es } from './locales/es.js';
import { hu } from './locales/hu.js';
import { ptBR } from './locales/pt-BR.js';
import { pseudoCatalog } from './pseudo.js';
import type { Locale } from './locale.js';

/** Plural endings i18next adds to a key (`queue.waiting_one`), from Intl.PluralRules. */
type PluralEnding = `_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`;
type Base<K> = K extends `${infer B}${PluralEnding}` ? B : K;

/** Every message key, as commands name it (plural endings left to i18next). */
export type MessageKey = Base<keyof typeof en>;

/** Values put into a message: `{{count}}` picks the plural form. */
export type MessageValues = Record<string, string | number | undefined>;

/** Builds the text of a message in one language. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The catalogs by locale; each holds exactly the keys of `en`, with the plural forms its language needs. */
export const CATALOGS: Record<Locale, Record<string, string>> = { en, es, 'pt-BR': ptBR, de, hu, 'en-XA': pseudoCatalog(en) };

let instance: i18n | undefined;

/** One i18next instance for the process, loaded synchronously from the bundled catalogs. */
function messages(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    initAsync: false,
    resources: Object.fromEntries(Object.entries(CATALOGS).map(([locale, catalog]) => [locale, { translation: catalog }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: Object.keys(CATALOGS),
    // Keys are flat (`queue.title`), values are plain text: renderers escape it for their platform.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  instance = created;
  return created;
}

const translators = new Map<Locale, Translate>();

/**
 * The message builder for a locale (cached).
 *
 * @example
 *   translate('es')('queue.title', { source: 'Bogotá' }); // "Cola — Bogotá"
 */
export function translate(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const fixed = messages().getFixedT(locale);
    t = (key, values) => String(fixed(key, values as never));
    translators.set(locale, t);
  }
  return t;
}

/** Whether a message key exists (for names built at run time, such as a command's help line). */
export function hasMessage(key: string): key is MessageKey {
  return key in en || `${key}_other` in en;
}
