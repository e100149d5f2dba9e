/**
 * Text helpers for Slack's mrkdwn: escaping and cutting to a limit so that anything cut says so.
 * Lengths are UTF-16 code units, which is never less than what Slack counts, so limits hold.
 */

import { defangLinks } from '../../reply/defang.js';
import { lightSpans } from '../../reply/light-markup.js';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/*
 * mrkdwn has no escape for its formatting marks; in data they become look-alikes that Slack
 * does not read as marks (∗ ˍ ∼ ˋ), so a vendor's `*` can never open bold.
 */
const MARK_LOOKALIKE: Record<string, string> = { '*': '\u2217', _: '\u02CD', '~': '\u223C', '`': '\u02CB' };

/** Escapes the three characters Slack reserves for links and mentions (`&`, `<`, `>`). */
export function escapeMrkdwn(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/[&<>]/g, (c) => ENTITY[c] ?? c) : text;
}

/**
 * Vendor or user text as mrkdwn that is only text: `&`, `<`, `>` escaped (no link, mention or
 * date token can open), formatting marks as look-alikes, addresses that Slack would link on
 * its own defanged, and `@here` / `@channel` / `@everyone` broken by a word joiner. The one
 * escaping step for data on Slack: the renderer applies it to every text it did not write.
 *
 * @example
 *   slackData('<!channel> *Pay* at www.evil.example'); // "&lt;!channel&gt; ∗Pay∗ at www․evil․example"
 */
export function slackData(text: string): string {
  return (
    escapeMrkdwn(defangLinks(text))
      .replace(/[*_~`]/g, (c) => MARK_LOOKALIKE[c] ?? c)
      .replace(/@(?=(here|channel|everyone)\b)/gi, '@\u2060')
      .replace(/^(&gt;)/gm, '\u2060$1')
      // mrkdwn has no [text](url) links, but Slack's newer markdown surfaces do: broken all the same.
      .replace(/\](?=\s*[([])/g, ']\u2060')
  );
}

/**
 * Markdown-light (a summary, a section's text) as mrkdwn: the bot's `*bold*`, `_italic_` and
 * `` `code` `` become Slack's, and every word between them is data (see slackData).
 *
 * @example
 *   slackLight('Chats: *12* from <@U1>'); // "Chats: *12* from &lt;@U1&gt;"
 */
export function slackLight(text: string): string {
  return lightSpans(text)
    .map((span) => {
      const words = slackData(span.text);
      if (span.mark === 'bold') return `*${words}*`;
      if (span.mark === 'italic') return `_${words}_`;
      if (span.mark === 'code') return `\`${words}\``;
      return words;
    })
    .join('');
}

/** The "… and N more <unit>" line used wherever something was left out. */
export function moreLine(count: number, unit: string): string {
  return `… and ${count} more ${unit}`;
}

/**
 * Cuts `text` to at most `max` characters. Whole lines are kept while they fit and the rest is
 * counted ("… and 12 more lines"); a single over-long line is cut by characters instead.
 *
 * @example
 *   cutText('a\nb\nc', 20) // 'a\nb\nc'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const suffix = `\n${moreLine(lines.length - i - 1, 'lines')}`;
    const cost = (kept.length > 0 ? 1 : 0) + line.length;
    if (used + cost + suffix.length > max) {
      if (kept.length === 0) break;
      return `${kept.join('\n')}\n${moreLine(lines.length - i, 'lines')}`;
    }
    kept.push(line);
    used += cost;
  }
  return cutChars(text, max);
}

/** Cuts by characters, never inside an `&amp;`-style entity, ending with the count left out. */
export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  // The suffix grows with the number it holds; reserve for the widest it can be.
  const reserve = moreLine(text.length, 'characters').length + 1;
  let head = text.slice(0, Math.max(0, max - reserve));
  head = head.replace(/&[a-z]{0,4}$/, '');
  return `${head}${head.endsWith('\n') || head === '' ? '' : ' '}${moreLine(text.length - head.length, 'characters')}`;
}

/** Cuts plain text (headers, button labels) with a bare ellipsis where a count would not fit. */
export function cutShort(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A Slack date token: rendered in each reader's own time zone, with a UTC fallback for clients
 * that cannot (notifications, old clients).
 */
export function slackTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = `${new Date(ms).toISOString().slice(11, 16)} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{time}|${fallback}>`;
}

const clocks = new Map<string, Intl.DateTimeFormat | null>();

/**
 * "14:02" on the clock of `timeZone`; undefined when the zone or the instant is unknown.
 * Formatters are kept per zone: building one costs far more than using it, and every answer
 * shows a time.
 */
export function clockTime(iso: string, timeZone: string): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    try {
      clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    } catch {
      clock = null;
    }
    clocks.set(timeZone, clock);
  }
  return clock?.format(ms);
}

/** "@here" ->  `<!here>`, "S0123" -> `<!subteam^S0123>`, "U0123" -> `<@U0123>`; unknown -> undefined. */
export function mentionMarkup(mention: string): string | undefined {
  const m = mention.trim();
  if (/^@?(here|channel|everyone)$/i.test(m)) return `<!${m.replace(/^@/, '').toLowerCase()}>`;
  if (/^S[A-Z0-9]+$/.test(m)) return `<!subteam^${m}>`;
  if (/^[UW][A-Z0-9]+$/.test(m)) return `<@${m}>`;
  return undefined;
}
