const ALIAS_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * A name bound to a conversation (`teams:ops`), lower-cased and checked; undefined when it
 * cannot be one (letters, digits, "-" or "_", at most 64, starting with a letter or digit).
 *
 * @example
 *   normalizeAlias(' Ops '); // "ops"
 *   normalizeAlias('ops:main'); // undefined
 */
export function normalizeAlias(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  return ALIAS_PATTERN.test(lower) ? lower : undefined;
}
