import { alertRuleSchema, type AlertRuleConfig, type Config } from '../config/schema.js';
import { crossCheck } from '../config/cross-check.js';
import { formatPath } from '../config/load.js';
import { plainMessage } from '../config/plain-words.js';
import { parseDuration } from '../config/duration.js';
import type { RawRule } from './raw-rule.js';

/** What a supervisor may change from the chat, in the file's own words. */
export const EDITABLE_FIELDS = ['above', 'below', 'for', 'hysteresis', 'repeat', 'forecast', 'reopenWithin', 'channels', 'activeHours'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Fields set in chat over the file's rule; `null` removes the file's value (e.g. `repeat off`). */
export type Overrides = Partial<Record<EditableField | 'below' | 'above', unknown>>;

const DURATION_FIELDS = new Set<EditableField>(['for', 'repeat', 'forecast', 'reopenWithin']);
const REMOVABLE = new Set<EditableField>(['repeat', 'forecast', 'activeHours']);
const OFF_WORDS = new Set(['off', 'none', 'never', 'always', '-']);
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function isEditableField(name: string): name is EditableField {
  return (EDITABLE_FIELDS as readonly string[]).includes(name);
}

/**
 * The value a supervisor typed, as the file would hold it: numbers for thresholds, duration text
 * for durations (the schema parses it), a list for channels, `{ days, from, to }` for active hours;
 * `null` for "off" on a field that may be absent. Anything unreadable is passed on as typed, so
 * the schema's own message explains it, the same one `check-config` gives.
 *
 * @example
 *   parseFieldValue('activeHours', 'mon-fri 08:00-18:00'); // { days: ['mon', ..., 'fri'], from: '08:00', to: '18:00' }
 */
export function parseFieldValue(field: EditableField, text: string): unknown {
  const value = text.trim();
  if (REMOVABLE.has(field) && OFF_WORDS.has(value.toLowerCase())) return null;
  if (field === 'above' || field === 'below' || field === 'hysteresis') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (DURATION_FIELDS.has(field)) return value.toLowerCase();
  if (field === 'channels') return value.split(/[\s,]+/).filter(Boolean);
  return activeHoursOf(value) ?? value;
}

/** "mon-fri 08:00-18:00", "sat,sun 09:00-13:00", "every day 07:00-21:00". */
function activeHoursOf(text: string): { days: string[]; from: string; to: string } | undefined {
  const match = /^(.+?)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(text.toLowerCase());
  if (!match) return undefined;
  const [, dayText, from, to] = match as unknown as [string, string, string, string];
  let days: string[];
  if (/^(every ?day|daily|all)$/.test(dayText.trim())) days = [...DAYS];
  else {
    days = [];
    for (const part of dayText.split(/[\s,]+/).filter(Boolean)) {
      const range = /^([a-z]{3})[-–]([a-z]{3})$/.exec(part);
      if (range) {
        const a = DAYS.indexOf(range[1]!);
        const b = DAYS.indexOf(range[2]!);
        if (a < 0 || b < 0) return undefined;
        for (let i = a; ; i = (i + 1) % 7) {
          days.push(DAYS[i]!);
          if (i === b) break;
        }
      } else days.push(part);
    }
  }
  return { days, from: from.padStart(5, '0'), to: to.padStart(5, '0') };
}

/** The file's rule with the chat's changes over it: `above` and `below` exclude each other, `null` removes. */
export function applyOverrides(file: RawRule, overrides: Overrides): RawRule {
  const out: RawRule = { ...file };
  if (overrides.above !== undefined && overrides.above !== null) delete out.below;
  if (overrides.below !== undefined && overrides.below !== null) delete out.above;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out;
}

export type Checked = { ok: true; rule: AlertRuleConfig } | { ok: false; problems: string[] };

/**
 * Checks a changed rule with the same schema and cross-checks as the file (`check-config`), so a
 * bad value gets the same clear message: "for: "5 minutes" is not a duration; write it like …".
 *
 * @example
 *   checkRule({ ...raw, above: 'ten' }, 'bogota-queue', config); // { ok: false, problems: ['above: expected a number, …'] }
 */
export function checkRule(raw: RawRule, ruleId: string, config: Pick<Config, 'sources' | 'channels'>): Checked {
  const parsed = alertRuleSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${formatPath(issue.path as Array<string | number>)}: ${plainMessage(issue)}`);
  for (const p of crossCheck({ sources: config.sources, channels: config.channels, alerts: [raw] }))
    problems.push(`${p.path.replace(/^alerts\[0\]\.?/, '') || 'rule'}: ${p.message}`);
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, rule: { ...parsed.data, id: ruleId } };
}

/** A field's value as a supervisor would write it: "10", "2m", "ops, leads", "mon–fri 08:00–18:00", "off". */
export function showValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return field === 'activeHours' ? 'always' : 'off';
  if (typeof value === 'string' && /^\d+ms$/.test(value)) return durationText(Number(value.slice(0, -2)));
  if (typeof value === 'string') {
    const ms = parseDuration(value);
    return ms !== undefined && DURATION_FIELDS.has(field as EditableField) ? durationText(ms) : value;
  }
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') {
    const h = value as { days?: string[]; from?: string; to?: string };
    return `${(h.days ?? []).join(',')} ${h.from ?? ''}–${h.to ?? ''}`.trim();
  }
  return String(value);
}

/** 120000 -> "2m", 90000 -> "1m30s", 0 -> "0s". */
export function durationText(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}
