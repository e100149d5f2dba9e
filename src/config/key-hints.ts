import { z } from 'zod';
import { nearest } from '../util/suggest.js';
import { configSchema } from './schema.js';

let known: string[] | undefined;

/** Every key name the configuration knows, at any depth (from the schema itself). */
export function knownKeys(): readonly string[] {
  if (!known) {
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props) for (const name of Object.keys(props)) names.add(name);
      Object.values(node).forEach(walk);
    };
    walk(z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }));
    known = [...names];
  }
  return known;
}

/**
 * The key a misspelt one most likely meant: first a key this section requires and lacks (a
 * "timezone" where "timeZone" is missing), then any key the configuration knows.
 *
 * @example
 *   meantKey('timezone', ['timeZone']); // "timeZone"
 */
export function meantKey(key: string, missingHere: readonly string[]): string | undefined {
  const sameLetters = missingHere.find((m) => m.toLowerCase() === key.toLowerCase());
  return sameLetters ?? nearest(key, missingHere) ?? knownKeys().find((k) => k.toLowerCase() === key.toLowerCase()) ?? nearest(key, knownKeys());
}

/** A hint for a value of the wrong type, from what was written: `above: "2m"`, `channels: ops`. */
export function typeHint(expected: string, value: unknown): string {
  if (typeof value === 'string' && (expected === 'number' || expected === 'int')) {
    if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return `, not the text "${value}": write it without quotes`;
    if (/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/.test(value.trim()))
      return `, not the duration "${value}": a threshold is a plain number such as 10 (durations belong in \`for\`)`;
    return `, not the text "${value}": write a number such as 10`;
  }
  if (typeof value === 'string' && expected === 'array') return `, not the single value "${value}": write a list such as [${value}]`;
  if (typeof value === 'string' && expected === 'boolean') return `, not the text "${value}": write true or false`;
  return '';
}
