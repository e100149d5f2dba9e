import { localized, type Translate } from '../i18n/index.js';
/** The pieces of a command text. */
export interface ParsedCommand {
  /** Lower-case command name without "/", or '' when the text was empty. */
  name: string;
  /** Positional arguments in order, quotes removed. */
  args: string[];
  /** Which arguments were quoted (a quoted argument is never taken for a source or a flag). */
  quoted: boolean[];
  /** From `page:2`, `--page 2` or `--page=2`. */
  page?: number;
  /** From `source:bogota` or `--source bogota`. */
  source?: string;
}

export type ParseResult =
  | { ok: true; command: ParsedCommand }
  /** `name` is set when the command name could still be read, so the answer can show its usage. */
  | { ok: false; name?: string; problem: string };

/** Commands are short; anything longer is pasted by mistake and answered without parsing it. */
export const MAX_COMMAND_LENGTH = 2000;
const MAX_PAGE = 10_000;

/** Opening quote -> the characters that may close it (typographic quotes pair loosely). */
const QUOTES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\u201c': '\u201d\u201c', // “ ”
  '\u201d': '\u201d',
  '\u2018': '\u2019\u2018', // ‘ ’
  '\u2019': '\u2019',
  '\u201e': '\u201c\u201d', // „
  '\u00ab': '\u00bb', // « »
};

/* Invisible characters pasted from rich text, and control characters (null bytes...). */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * Reads `/queue bogota`, `queue bogota`, `transcript "abc 1"`, `agents busy page:2`: the name
 * (case-insensitive, "/" optional), quoted or bare arguments (straight and typographic quotes)
 * and the `page` / `source` flags. Never throws: an unbalanced quote or an overlong text comes
 * back as a problem to answer with the command's usage.
 *
 * @example
 *   parseCommandText('/Transcript “abc 1” page:2');
 *   // { ok: true, command: { name: 'transcript', args: ['abc 1'], quoted: [true], page: 2 } }
 */
export function parseCommandText(text: string, t: Translate = localized('en').t): ParseResult {
  if (text.length > MAX_COMMAND_LENGTH) {
    const name = readName(firstWord(text.slice(0, 100)));
    return { ok: false, name, problem: t('parse.tooLong', { length: text.length }) };
  }
  const cleaned = text.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ');
  const tokens = tokenize(cleaned, t);
  if (!tokens.ok) return { ok: false, name: readName(firstWord(cleaned)), problem: tokens.problem };
  const [first, ...rest] = tokens.tokens;
  if (!first) return { ok: true, command: { name: '', args: [], quoted: [] } };
  const name = first.quoted ? first.text : (readName(first.text) ?? first.text);
  return readFlags(name, rest, t);
}

interface Token {
  text: string;
  quoted: boolean;
}

function tokenize(text: string, t: Translate): { ok: true; tokens: Token[] } | { ok: false; problem: string } {
  const tokens: Token[] = [];
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && /\s/u.test(chars[i]!)) i++;
    if (i >= chars.length) break;
    const closers = QUOTES[chars[i]!];
    if (closers) {
      const start = ++i;
      while (i < chars.length && !closers.includes(chars[i]!)) i++;
      if (i >= chars.length) return { ok: false, problem: t('parse.openQuote', { quote: chars[start - 1] }) };
      tokens.push({ text: chars.slice(start, i).join(''), quoted: true });
      i++;
      continue;
    }
    const start = i;
    while (i < chars.length && !/\s/u.test(chars[i]!)) i++;
    tokens.push({ text: chars.slice(start, i).join(''), quoted: false });
  }
  return { ok: true, tokens };
}

function readFlags(name: string, tokens: Token[], t: Translate): ParseResult {
  const command: ParsedCommand = { name, args: [], quoted: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const flag = token.quoted ? undefined : /^(?:--|—)?(page|source)(?:[:=](.*))?$/i.exec(token.text);
    const dashed = flag && /^(--|—)/.test(token.text);
    if (!flag || (!dashed && flag[2] === undefined)) {
      command.args.push(token.text);
      command.quoted.push(token.quoted);
      continue;
    }
    let value = flag[2];
    if (value === undefined) value = tokens[++i]?.text;
    if (value === undefined || value === '')
      return {
        ok: false,
        name,
        problem: t('parse.needsValue', { flag: flag[1]!.toLowerCase(), example: flag[1]!.toLowerCase() === 'page' ? 'page:2' : 'source:bogota' }),
      };
    if (flag[1]!.toLowerCase() === 'page') {
      const page = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
      if (!(page >= 1 && page <= MAX_PAGE)) return { ok: false, name, problem: t('parse.badPage') };
      command.page = page;
    } else {
      command.source = value;
    }
  }
  return { ok: true, command };
}

function firstWord(text: string): string {
  return text.trim().split(/\s+/u)[0] ?? '';
}

/** "/Queue", "queue", "／ＱＵＥＵＥ" -> "queue"; undefined when it cannot be a command name. */
function readName(word: string): string | undefined {
  const name = word.normalize('NFKC').replace(/^\/+/, '').toLowerCase();
  return /^[a-z][a-z0-9_-]{0,31}$/.test(name) ? name : undefined;
}
