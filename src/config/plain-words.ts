import type { z } from 'zod';

/**
 * A zod issue in plain words. Messages the schema writes itself pass through; zod's own
 * ("Too small: expected string to have >=8 characters") are rewritten by their code.
 *
 * @example
 *   plainMessage(issue); // "is too short: at least 8 characters"
 */
export function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against chatops.example.yaml`;
  if (!isZodDefault(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `is required (${article(issue.expected)})`;
      return `expected ${article(issue.expected)}`;
    case 'too_small':
      return bound('at least', issue.origin, Number(issue.minimum), issue.inclusive ?? true);
    case 'too_big':
      return bound('at most', issue.origin, Number(issue.maximum), issue.inclusive ?? true);
    case 'invalid_format':
      return FORMATS[issue.format] ?? `does not have the expected form (${issue.format})`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

const FORMATS: Record<string, string> = {
  email: 'expected an email address such as "ops@example.com"',
  url: 'expected a URL such as "https://example.com"',
  guid: 'expected an id such as "6f2c1b7e-0000-4000-8000-000000000000"',
  uuid: 'expected an id such as "6f2c1b7e-0000-4000-8000-000000000000"',
  regex: 'does not have the expected form; see chatops.example.yaml',
};

/** zod's built-in messages start with these words; the schema's own never do. */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too small|Too big|Unrecognized)/.test(message);
}

function article(type: string): string {
  if (type === 'int') return 'a whole number';
  if (type === 'array') return 'a list';
  if (type === 'object' || type === 'record') return 'a section of keys and values';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function bound(side: 'at least' | 'at most', origin: string, limit: number, inclusive: boolean): string {
  switch (origin) {
    case 'string':
      return `is too ${side === 'at least' ? 'short' : 'long'}: ${side} ${limit} character${limit === 1 ? '' : 's'}`;
    case 'array':
    case 'set':
      return `needs ${side} ${limit} item${limit === 1 ? '' : 's'}`;
    default:
      return inclusive ? `must be ${side} ${limit}` : `must be ${side === 'at least' ? 'more' : 'less'} than ${limit}`;
  }
}
