/**
 * wolkvox sends every figure as a string. These readers accept what the vendor has been seen to
 * send (and what it plausibly sends) and answer undefined for the rest, never NaN.
 */

/** "12" -> 12, "12.5" / "12,5" -> 12.5, "" / "-" / "abc" -> undefined. */
export function readNumber(value: string | undefined): number | undefined {
  const raw = value?.trim().replace(/\s+/g, '');
  if (!raw) return undefined;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/^-?\d+,\d+$/.test(raw)) return Number(raw.replace(',', '.'));
  return undefined;
}

/** A count: a non-negative whole number, else undefined. */
export function readCount(value: string | undefined): number | undefined {
  const n = readNumber(value);
  return n !== undefined && n >= 0 ? Math.round(n) : undefined;
}

/**
 * A duration in seconds from "HH:MM:SS", "H:MM:SS.mmm", "MM:SS", "D:HH:MM:SS" or plain seconds
 * ("95", "95.4"). Undefined for negative or unreadable values.
 */
export function readSeconds(value: string | undefined): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (raw.includes(':')) {
    const parts = raw.split(':');
    if (parts.length > 4 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return undefined;
    const weights = [86_400, 3_600, 60, 1].slice(4 - parts.length);
    return Math.round(parts.reduce((sum, part, i) => sum + Number(part) * weights[i]!, 0));
  }
  const n = readNumber(raw);
  return n !== undefined && n >= 0 ? Math.round(n) : undefined;
}

/** "yes", "si", "sí", "1", "true" -> true; "no", "0", "false", "" -> false. */
export function readYes(value: string | undefined): boolean {
  return /^(yes|y|si|sí|s|1|true)$/i.test(value?.trim() ?? '');
}
