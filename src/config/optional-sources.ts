/** A source marked `optional: true` whose `${VAR}` is not set: the bot runs without it. */
export interface LeftOutSource {
  source: string;
  /** The environment variables it needs that are not set. */
  variables: string[];
}

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Takes out of the file, as written, every source marked `optional: true` that needs a
 * `${VAR}` (without a `:-default`) the environment does not set, with the alerts on it and its
 * place in summaries (a summary left with no source goes too). So the example runs as it is,
 * with only the vendors whose secrets `.env` names; a source not marked optional still fails
 * loudly when its secret is missing.
 *
 * @example
 *   leaveOutOptionalSources({ sources: { bogota: { optional: true, token: '${WOLKVOX_TOKEN}' } } }, {});
 *   // { raw: { sources: {} }, leftOut: [{ source: 'bogota', variables: ['WOLKVOX_TOKEN'] }] }
 */
export function leaveOutOptionalSources(raw: unknown, env: NodeJS.ProcessEnv): { raw: unknown; leftOut: LeftOutSource[] } {
  if (!isObject(raw) || !isObject(raw.sources)) return { raw, leftOut: [] };
  const leftOut: LeftOutSource[] = [];
  for (const [source, body] of Object.entries(raw.sources)) {
    if (!isObject(body) || body.optional !== true) continue;
    const variables = [...new Set(unsetVariables(body, env))];
    if (variables.length > 0) leftOut.push({ source, variables });
  }
  if (leftOut.length === 0) return { raw, leftOut };
  const gone = new Set(leftOut.map((l) => l.source));
  const sources = Object.fromEntries(Object.entries(raw.sources).filter(([id]) => !gone.has(id)));
  const out: Raw = { ...raw, sources };
  if (Array.isArray(raw.alerts)) out.alerts = raw.alerts.filter((rule) => !(isObject(rule) && gone.has(String(rule.source))));
  if (Array.isArray(raw.summaries)) {
    out.summaries = raw.summaries
      .map((summary) =>
        isObject(summary) && Array.isArray(summary.sources) ? { ...summary, sources: summary.sources.filter((s) => !gone.has(String(s))) } : summary,
      )
      .filter((summary) => !(isObject(summary) && Array.isArray(summary.sources) && summary.sources.length === 0));
  }
  return { raw: out, leftOut };
}

function unsetVariables(value: unknown, env: NodeJS.ProcessEnv): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g)].filter((m) => m[2] === undefined && !env[m[1]!]).map((m) => m[1]!);
  }
  if (Array.isArray(value)) return value.flatMap((v) => unsetVariables(v, env));
  if (isObject(value)) return Object.values(value).flatMap((v) => unsetVariables(v, env));
  return [];
}

/** `bogota (WOLKVOX_TOKEN), budapest (VCCLIVE_TOKEN)` */
export function describeLeftOut(leftOut: readonly LeftOutSource[]): string {
  return leftOut.map((l) => `${l.source} (${l.variables.join(', ')})`).join(', ');
}
