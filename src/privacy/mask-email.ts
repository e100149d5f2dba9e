import { maskPhones } from './mask-phone.js';

/*
 * An address as people type it: a local part, "@" (or the full-width "＠"), a domain with a
 * dotted name of letters. Letters of any script. Bounded parts keep the pattern linear on long
 * texts.
 */
const EMAIL = /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]{1,64})[@\uFF20]((?:[\p{L}\p{N}-]{1,63}[.\uFF0E]){1,8})(\p{L}{2,24})(?![\p{L}\p{N}-])/gu;

/**
 * Masks every e-mail address in a text, keeping the first letter and the top-level domain:
 * enough to tell two addresses apart in a transcript, not enough to write to anyone. Masking
 * twice changes nothing.
 *
 * @example
 *   maskEmails('escríbeme a ana.gomez@example.com'); // "escríbeme a a***@***.com"
 */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, (_match, local: string, _domain: string, tld: string) => `${Array.from(local)[0]}***@***.${tld}`);
}

/**
 * What a customer may have typed about themselves, masked: e-mail addresses and phone numbers
 * (see maskPhones). What the bot keeps at rest and shows goes through it.
 *
 * @example
 *   maskContacts('ana@example.com, 300–444–5566'); // "a***@***.com, ***–***–*566"
 */
export function maskContacts(text: string): string {
  return maskPhones(maskEmails(text));
}
