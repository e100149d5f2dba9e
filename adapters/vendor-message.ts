import { snippet } from '../src/reply/format.js';

/**
 * A vendor's own words from an error body, for an error's detail: the texts `pick` reads from
 * the parsed JSON (each vendor names its fields differently), or, when the body is not JSON or
 * says nothing `pick` knows, the body itself without HTML tags; one line, cut short.
 *
 * @example
 *   vendorMessage('{"msg":"Token invalido"}', (body) => [body.error, body.msg]); // "Token invalido"
 *   vendorMessage('<h1>502 Bad Gateway</h1>', (body) => [body.msg]); // "502 Bad Gateway"
 */
export function vendorMessage(bodyText: string, pick: (body: Record<string, unknown>) => readonly unknown[]): string {
  const said = vendorTexts(bodyText, pick);
  if (said.length > 0) return snippet([...new Set(said)].join(' / '));
  return snippet(bodyText.replace(/<[^>]*>/g, ' '));
}

/** The non-empty texts `pick` reads from a JSON body (none when it is not JSON). */
export function vendorTexts(bodyText: string, pick: (body: Record<string, unknown>) => readonly unknown[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  return pick(parsed as Record<string, unknown>)
    .filter((value): value is string => typeof value === 'string' && value.trim().length > 0)
    .map((value) => value.trim());
}
