/**
 * Customer phone numbers never reach a channel: every rendering keeps only the country code and
 * the last three digits (`+57 *** *** *412`). A supervisor who needs the number opens the
 * vendor's own tool.
 */

/** ITU country calling codes of one and two digits; every other code has three. */
const SHORT_COUNTRY_CODES = new Set([
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

const KEEP_LAST = 3;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/*
 * What separates the groups of a number, however it was typed: any space (no-break, thin,
 * ideographic, zero-width), any dash (hyphen, en and em dash, minus, full-width), any slash, a
 * dot. Digits are any decimal digit (ASCII, full-width, Arabic-Indic, Devanagari…), so
 * `３００２２２３３４４` and `٣٠٠١٢٣٤٤١٢` are numbers like any other.
 */
const SEP = String.raw`[\p{Zs}\u200B-\u200D\u2060\uFEFF\p{Pd}\u2212./\u2044\u2215\uFF0F\u29F8\uFF0E]`;
const SEP_CAPTURE = new RegExp(`(${SEP})`, 'u');

/*
 * A run of digit groups joined by single separators, optionally led by "+" and an area code in
 * parentheses. Groups are joined by a mandatory separator so the pattern cannot backtrack
 * exponentially on long inputs. Letters, digits or "_" right before or after mean the digits
 * belong to something else (an id such as `abc3001234412`).
 */
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+\uFF0B])(?:[+\uFF0B]${SEP}?)?(?:[(\uFF08]\p{Nd}{1,4}[)\uFF09]${SEP}?)?\p{Nd}+(?:${SEP}\p{Nd}+)*(?![\p{L}\p{N}_])`,
  'gu',
);
const DATE_START = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)/;
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Masks one phone number, keeping the country code (when written with "+") and the last three
 * digits. Written groups are kept as written; an unformatted number is grouped for reading.
 *
 * @example
 *   maskPhone('+573001234412');    // "+57 *** *** *412"
 *   maskPhone('+57 300 123 4412'); // "+57 *** *** *412"
 *   maskPhone('(601) 555-0412');   // "(***) ***-*412"
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  const plain = asciiForm(trimmed);
  const digits = plain.replace(/\D/g, '');
  // Already masked (cached values are masked before they are kept): masking again changes nothing.
  if (trimmed.includes('*') && digits.length <= KEEP_LAST + 3) return trimmed;
  if (digits.length <= KEEP_LAST) return '***';
  const international = plain.startsWith('+');
  const countryCode = international ? countryCodeOf(digits) : '';
  const formatted = /\d[^\d]+\d/.test(plain.replace(/^\+/, ''));
  if (!formatted) {
    return `${international ? `+${countryCode} ` : ''}${group(maskDigits(digits.slice(countryCode.length)))}`;
  }
  let seen = 0;
  const keepFrom = digits.length - KEEP_LAST;
  return trimmed.replace(/\p{Nd}/gu, (digit) => {
    const index = seen++;
    return index < countryCode.length || index >= keepFrom ? digit : '*';
  });
}

/**
 * Masks every phone-like number (7 to 15 digits, E.164 or local formats, any script's digits,
 * any dash, slash or space between groups) inside free text: customer names, messages, anything
 * a customer may have typed. Dates, times and IP addresses are left alone.
 *
 * @example
 *   maskPhones('Call me at +57 300 123 4412 after 5'); // "Call me at +57 *** *** *412 after 5"
 *   maskPhones('300–444–5566');                        // "***–***–*566"
 */
export function maskPhones(text: string): string {
  return text.replace(CANDIDATE, (candidate) => {
    const digitCount = countDigits(candidate);
    if (digitCount > MAX_DIGITS) return maskWithinRun(candidate);
    if (digitCount < MIN_DIGITS) return candidate;
    const plain = asciiForm(candidate);
    if (!plain.startsWith('+') && (DATE_START.test(plain) || IP_ADDRESS.test(plain))) return candidate;
    return maskPhone(candidate);
  });
}

/*
 * Too many digits for one number: either an id (one unbroken run, left alone) or a number with
 * other figures typed right beside it ("300 123 4412 7 8"). Mask every window of groups that
 * could be a number, erring on the side of hiding too much.
 */
function maskWithinRun(run: string): string {
  const parts = run.split(SEP_CAPTURE);
  if (parts.length === 1) return run;
  const groups = parts.filter((_, i) => i % 2 === 0);
  const out = [...parts];
  let start = 0;
  while (start < groups.length) {
    let end = start;
    let digits = 0;
    while (end < groups.length && digits + countDigits(groups[end]!) <= MAX_DIGITS) digits += countDigits(groups[end++]!);
    if (digits >= MIN_DIGITS) {
      const masked = maskPhone(parts.slice(start * 2, end * 2 - 1).join('')).split(SEP_CAPTURE);
      out.splice(start * 2, masked.length, ...masked);
      start = end;
    } else {
      start += 1;
    }
  }
  return out.join('');
}

function countryCodeOf(digits: string): string {
  for (const length of [1, 2]) {
    const code = digits.slice(0, length);
    if (SHORT_COUNTRY_CODES.has(code)) return code;
  }
  return digits.slice(0, 3);
}

function maskDigits(digits: string): string {
  const keep = Math.min(KEEP_LAST, digits.length);
  return '*'.repeat(digits.length - keep) + digits.slice(digits.length - keep);
}

/** Groups of three from the left with a last group of four: "*** *** *412". */
function group(masked: string): string {
  if (masked.length <= 4) return masked;
  const head = masked.slice(0, masked.length - 4);
  const groups: string[] = [];
  for (let end = head.length; end > 0; end -= 3) groups.unshift(head.slice(Math.max(0, end - 3), end));
  return [...groups, masked.slice(-4)].join(' ');
}

function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
    else if (code > 127 && ND.test(text.slice(i, i + 2))) count++;
  }
  return count;
}

const ND = /^\p{Nd}/u;
const SEP_ONE = new RegExp(`^${SEP}$`, 'u');

/**
 * The number as ASCII, for reading it: every decimal digit as 0-9, every dash as "-", every
 * slash as "/", full-width dots, plus and brackets as ASCII, every space as " ".
 */
function asciiForm(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (ND.test(ch)) out += String(digitValue(ch));
    else if (ch === '\uFF0B') out += '+';
    else if (ch === '\uFF08') out += '(';
    else if (ch === '\uFF09') out += ')';
    else if (SEP_ONE.test(ch))
      out += /[./\u2044\u2215\uFF0F\u29F8\uFF0E]/u.test(ch) ? (/[.\uFF0E]/.test(ch) ? '.' : '/') : /[\p{Pd}\u2212]/u.test(ch) ? '-' : ' ';
    else out += ch;
  }
  return out;
}

/**
 * The value of a decimal digit of any script: Unicode keeps each script's digits as a run of ten
 * code points from 0 to 9, so it is the distance from the start of its run (runs of ten when
 * scripts' runs touch, as the mathematical digits do).
 */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let start = cp;
  while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}
