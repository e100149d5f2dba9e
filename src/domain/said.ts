import { localized, type MessageKey, type MessageValues, type Translate } from '../i18n/index.js';

/**
 * A sentence for a supervisor, kept as a message key and its values until the asker's (or the
 * channel's) language is known: an error made deep in an adapter carries it, and the reply built
 * for the asker says it in their language. The values are data (vendor names, the vendor's own
 * words): renderers escape them like any other reply text.
 *
 * @example
 *   throw new VendorError({ ..., said: { key: 'vendorError.vcclive.serverError', values: { status: 502 } } });
 */
export interface Said {
  key: MessageKey;
  values?: MessageValues;
}

/** The sentence in one language. */
export function say(said: Said, t: Translate): string {
  return t(said.key, said.values);
}

/** The sentence in English: what logs and `userMessage` keep. */
export function inEnglish(said: Said): string {
  return say(said, localized('en').t);
}

/**
 * What an error tells the asker, in their language: its `said` when it has one, else its
 * `userMessage` as written.
 */
export function errorSentence(error: { said?: Said; userMessage: string }, t: Translate): string {
  return error.said ? say(error.said, t) : error.userMessage;
}
