import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses "90s", "5m", "1h30m", "2d" into milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return total;
}

/** A zod field for durations written as "5m"; the parsed value is milliseconds. */
export const durationMs = z
  .string({ error: 'expected a duration such as "90s", "5m" or "1h"' })
  // For editors (the JSON Schema): the same form parseDuration reads.
  .meta({ pattern: '^\\s*(\\d+(\\.\\d+)?(ms|s|m|h|d))+\\s*$' })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; write it like "90s", "5m" or "1h"` });
      return z.NEVER;
    }
    return ms;
  });
