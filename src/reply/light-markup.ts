import { LIGHT_BOLD, LIGHT_ITALIC } from './reply.js';

/** A piece of markdown-light text: words, and whether the bot marked them. */
export interface LightSpan {
  text: string;
  mark?: 'bold' | 'italic' | 'code';
}

/*
 * Escaped marks stand in for themselves while the marks are found: characters from the private
 * use area, which no vendor text is expected to hold (any that does is dropped, not trusted).
 */
const HOLD: Record<string, string> = { '\\': '\uE000', '*': '\uE001', _: '\uE002', '`': '\uE003' };
const RELEASE: Record<string, string> = { '\uE000': '\\', '\uE001': '*', '\uE002': '_', '\uE003': '`' };
const CODE = /`([^`\n]+)`/g;

/**
 * Splits markdown-light (a reply's `summary` and section `text`) into spans. The bot's own marks
 * are `*bold*`, `_italic_` and `` `code` `` (whole words, as LIGHT_BOLD says); a backslash before
 * `*`, `_`, `` ` `` or `\` takes it literally (see `literal`). Everything else is text: a
 * renderer escapes every span's text for its platform, so nothing in it is markup.
 *
 * @example
 *   lightSpans('Chats: *12* (\\*not bold\\*)'); // [{ text: 'Chats: ' }, { text: '12', mark: 'bold' }, { text: ' (*not bold*)' }]
 */
export function lightSpans(text: string): LightSpan[] {
  const held = text.replace(/[\uE000-\uE003]/g, '').replace(/\\([\\*_`])/g, (_m, c: string) => HOLD[c] ?? c);
  const spans: LightSpan[] = [];
  for (const piece of splitBy(held, CODE, 'code')) {
    if (piece.mark) spans.push(piece);
    else
      for (const bolded of splitBy(piece.text, LIGHT_BOLD, 'bold', 2)) {
        if (bolded.mark) spans.push(bolded);
        else spans.push(...splitBy(bolded.text, LIGHT_ITALIC, 'italic', 2));
      }
  }
  return spans.map((s) => ({ ...s, text: s.text.replace(/[\uE000-\uE003]/g, (c) => RELEASE[c] ?? '') })).filter((s) => s.text !== '');
}

/**
 * Foreign text (a vendor's, a customer's) to put inside markdown-light: its `*`, `_`, `` ` `` and
 * `\` are taken literally, so a customer's `*hola*` stays as typed instead of turning bold.
 *
 * @example
 *   const section = { text: literal(message.text) };
 */
export function literal(text: string): string {
  return text.replace(/[\\*_`]/g, (c) => `\\${c}`);
}

/** Markdown-light without its marks (escapes resolved): what a terminal or a notification shows. */
export function lightPlain(text: string): string {
  return lightSpans(text)
    .map((s) => s.text)
    .join('');
}

/**
 * Splits `text` at the matches of `pattern` (global); group `group` is the marked words, and
 * whatever the pattern matched before them (LIGHT_BOLD's group 1) stays plain text.
 */
function splitBy(text: string, pattern: RegExp, mark: NonNullable<LightSpan['mark']>, group = 1): LightSpan[] {
  const out: LightSpan[] = [];
  let at = 0;
  for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
    const words = m[group] ?? '';
    const lead = group === 2 ? (m[1] ?? '') : '';
    out.push({ text: text.slice(at, m.index + lead.length) });
    out.push({ text: words, mark });
    at = m.index + m[0].length;
  }
  out.push({ text: text.slice(at) });
  return out.filter((s) => s.text !== '' || s.mark);
}
