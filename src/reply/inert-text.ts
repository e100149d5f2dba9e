/**
 * User text the bot repeats, made inert: nothing in it can render as a link, a mention, code or
 * formatting on Slack (mrkdwn) or Teams (Adaptive Card markdown). Letters, digits, spaces and
 * `-` are kept; every other character becomes a space, so `[Reset](https://evil.example/x)`
 * reads "Reset https evil example x": no brackets, no scheme, no dotted host a client could
 * link, no `@`, `<`, `*`, `_` or backtick.
 *
 * @example
 *   inertText('link [Reset your password](https://evil.example/login)'); // "link Reset your password https evil example login"
 */
export function inertText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\- ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
