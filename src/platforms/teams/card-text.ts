import { defangLinks } from '../../reply/defang.js';
import { lightSpans } from '../../reply/light-markup.js';

const WORD_JOINER = '\u2060';
/*
 * Backslash escapes are not read alike by every Teams client (mobile clients have shown the
 * backslashes), so formatting marks in data become look-alikes no client reads as marks.
 */
const MARK_LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };

/**
 * Vendor or user text as Adaptive Card markdown that is only text: no link (`](` is broken by a
 * word joiner, addresses a client would link on its own are defanged), no bold, italic, strike
 * or code (their marks become look-alikes), no heading, quote or list at a line's start, and no
 * `{{DATE()}}` / `{{TIME()}}` function. The one escaping step for data on Teams: the card
 * renderer applies it to every text it did not write.
 *
 * @example
 *   cardData('[Reset your password](http://evil.example/a)'); // "[Reset your password]⁠(http:⁄⁄evil․example/a)"
 */
export function cardData(text: string): string {
  return (
    defangLinks(text)
      .replace(/[*_~`]/g, (c) => MARK_LOOKALIKE[c] ?? c)
      .replace(/\](?=\s*[([])/g, `]${WORD_JOINER}`)
      .replace(/</g, `<${WORD_JOINER}`)
      .replace(/\{\{/g, `{${WORD_JOINER}{`)
      .replace(/^(\s*)([#>+-]|\d+(?=[.)]))/gm, `$1${WORD_JOINER}$2`)
      // A line may break after a hyphen or dash: "DEMO-|26111706279", "queue-|long". Ids and
      // compounds stay whole (the router drops the joiner from text pasted back into a command).
      .replace(/(?<=\S)([-\u2010\u2013\u2014/](?:\u2060)?)(?=[^\s\u2060])/g, (m) => (m.endsWith(WORD_JOINER) ? m : `${m}${WORD_JOINER}`))
  );
}

/**
 * Card markdown whose lines are paragraphs: Teams joins lines split by a single line break into
 * one paragraph, so eight figures on eight lines would read as one run-on sentence.
 *
 * @example
 *   cardParagraphs('Chats: **12**\nMissed: **0**'); // "Chats: **12**\n\nMissed: **0**"
 */
export function cardParagraphs(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join('\n\n');
}

/**
 * Markdown-light (a summary, a section's text) as card markdown: the bot's `*bold*` is Teams'
 * `**bold**`, `_italic_` stays, `` `code` `` keeps its backticks; the words are data (cardData).
 *
 * @example
 *   cardLight('Chats: *12* [x](http://e.example)'); // "Chats: **12** [x]⁠(http:⁄⁄e․example)"
 */
export function cardLight(text: string): string {
  return lightSpans(text)
    .map((span) => {
      const words = cardData(span.text);
      if (span.mark === 'bold') return `**${words}**`;
      if (span.mark === 'italic') return `_${words}_`;
      if (span.mark === 'code') return `\`${words}\``;
      return words;
    })
    .join('');
}
