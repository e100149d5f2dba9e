/*
 * Chat clients turn text that looks like an address into a link on their own: `http://…`,
 * `www.…`, and bare names such as `evil.example/reset`. Vendor text must not become a link the bot
 * seems to vouch for, so each such dot and each `://` is replaced by a look-alike that no
 * client reads as part of an address: the text reads the same and links nowhere.
 */
const ONE_DOT_LEADER = '\u2024';
const FRACTION_SLASH = '\u2044';
/** `scheme://`, `mailto:` and friends. */
const SCHEME = /\b([a-z][a-z0-9+.-]{1,20}):(\/\/|(?=[^\s\d]))/gi;
const SCHEMES_WITHOUT_SLASHES = new Set(['mailto', 'tel', 'sms', 'callto', 'skype', 'msteams', 'slack', 'javascript', 'data', 'file']);
/** A dot between two labels of a host name: letters or digits on both sides, the last label lettered. */
const HOST_DOT = /(?<=[\p{L}\p{N}-])\.(?=[\p{L}\p{N}-]*\p{L}[\p{L}\p{N}-]*)/gu;

/**
 * Text in which nothing can be auto-linked: the dots of host names become one-dot leaders (`․`)
 * and `://` becomes `:⁄⁄`, `mailto:` / `javascript:` lose their colon's power the same way.
 *
 * @example
 *   defangLinks('Reset at http://evil.example/a'); // "Reset at http:⁄⁄evil․example/a"
 *   defangLinks('4.5% at 10.30');                 // unchanged: no host names
 */
export function defangLinks(text: string): string {
  if (!/[.:]/.test(text)) return text;
  return text
    .replace(SCHEME, (match, scheme: string, slashes: string) => {
      if (slashes === '//') return `${scheme}:${FRACTION_SLASH}${FRACTION_SLASH}`;
      return SCHEMES_WITHOUT_SLASHES.has(scheme.toLowerCase()) ? `${scheme}\u02D0` : match;
    })
    .replace(HOST_DOT, ONE_DOT_LEADER);
}
