import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { describeProblem, type ConfigProblem } from './config-problem.js';
import { meantKey, typeHint } from './key-hints.js';
import { locate } from './locate.js';
import { leaveOutOptionalSources, type LeftOutSource } from './optional-sources.js';
import { crossCheck } from './cross-check.js';
import { plainMessage } from './plain-words.js';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s) in the configuration:\n${problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  file: string;
  config: Config;
  /** Every secret value the configuration holds, for log redaction. */
  secrets: string[];
  /** Sources marked `optional: true` left out because a variable they need is not set. */
  leftOut: LeftOutSource[];
}

const SECRET_KEYS = new Set(['token', 'apiKey', 'password', 'clientSecret', 'refreshToken']);

/** The configuration of the embedded default: the demo contact center, nothing else. */
export const EMBEDDED_CONFIG_TEXT = `
sources:
  demo:
    vendor: demo
    label: Demo contact center
    timeZone: America/Bogota
channels:
  terminal: console
alerts:
  - id: queue-long
    metric: queue.waiting
    source: demo
    above: 8
    for: 2m
    severity: warning
    hysteresis: 2
    repeat: 30m
    channels: [terminal]
  - id: no-agents-online
    metric: agents.online
    source: demo
    below: 1
    for: 1m
    severity: critical
    channels: [terminal]
    # The demo's night desk changes shift at midnight: a few minutes without agents then is no news.
    activeHours: { days: [mon, tue, wed, thu, fri, sat, sun], from: "00:15", to: "23:45" }
summaries:
  - cron: "0 19 * * *"
    timeZone: America/Bogota
    sources: [demo]
    channel: terminal
`;

/** Which file to read: `CHATOPS_CONFIG`, else `./chatops.yaml` when present, else none. */
export function resolveConfigPath(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  if (env.CHATOPS_CONFIG) return env.CHATOPS_CONFIG;
  const local = `${cwd}/chatops.yaml`;
  return existsSync(local) ? local : undefined;
}

export async function loadConfigFile(file: string, env: NodeJS.ProcessEnv): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'there is no such file: copy chatops.example.yaml to it, or point CHATOPS_CONFIG at your file'
        : code === 'EACCES'
          ? 'the file cannot be read by this user: check its permissions'
          : code === 'EISDIR'
            ? 'this is a folder: name the YAML file in it'
            : `cannot read it: ${code ?? (error as Error).message}`;
    throw new ConfigError(file, [{ path: '(file)', message }]);
  }
  return parseConfigText(text, env, file);
}

/** Parses YAML, substitutes `${VAR}` / `${VAR:-default}` in string values, validates. */
export function parseConfigText(text: string, env: NodeJS.ProcessEnv, file = '(embedded)'): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  // One mistake often trips the parser several times: the first is the one to fix.
  if (doc.errors.length > 0) throw new ConfigError(file, [syntaxProblem(doc.errors[0]!)]);
  const problems: ConfigProblem[] = [];
  const secrets: string[] = [];
  const { raw: written, leftOut } = leaveOutOptionalSources(doc.toJS() ?? {}, env);
  const raw = substitute(written, [], env, problems, secrets);
  // One pass: the schema's problems and the cross-section ones together, each once.
  const result = configSchema.safeParse(raw);
  if (!result.success) problems.push(...zodProblems(result.error, problems, raw));
  problems.push(...crossCheck(raw).filter((p) => !problems.some((q) => q.path === p.path)));
  if (problems.length > 0 || !result.success) throw new ConfigError(file, locate(doc, lines, problems));
  return { file, config: result.data, secrets: [...new Set(secrets.filter((s) => s.length >= 4))], leftOut };
}

function substitute(value: unknown, path: Array<string | number>, env: NodeJS.ProcessEnv, problems: ConfigProblem[], secrets: string[]): unknown {
  if (typeof value === 'string') {
    const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push({ path: formatPath(path), message: `environment variable ${name} is not set; export it or put it in the service's environment` });
      return '';
    });
    const key = path[path.length - 1];
    if (typeof key === 'string' && SECRET_KEYS.has(key)) secrets.push(out);
    return out;
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, [...path, i], env, problems, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, [...path, k], env, problems, secrets)]));
  }
  return value;
}

/** The parser's first complaint, placed, with what to look at when it is about indentation. */
function syntaxProblem(error: YAMLError): ConfigProblem {
  const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [undefined, undefined];
  const indentation = /BAD_INDENT|BLOCK_AS_IMPLICIT_KEY|MULTILINE_IMPLICIT_KEY|TAB_AS_INDENT|UNEXPECTED_TOKEN/.test(error.code);
  const hint = indentation ? '; check the indentation of this line and the next: keys of one section start in the same column, with spaces, not tabs' : '';
  return { path: '(file)', message: `YAML syntax: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}${hint}`, line, column };
}

/**
 * zod's issues in plain words, one per mistake: leaving out those on a value whose environment
 * variable is missing (already reported, and the cause of the rest) and repeats, naming each
 * unknown key on its own with the key it most likely meant (whose "is required" then goes), and
 * saying what was written where a value has the wrong type.
 */
function zodProblems(error: z.ZodError, reported: readonly ConfigProblem[], raw: unknown): ConfigProblem[] {
  const seen = new Set(reported.map((p) => `${p.path}\n${p.message}`));
  const missing = reported.map((p) => p.path);
  const problems: ConfigProblem[] = [];
  const required = (issue: z.core.$ZodIssue) => issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const missingKeys = new Map<string, string[]>();
  for (const issue of error.issues.filter(required)) {
    const parent = formatPath(issue.path.slice(0, -1) as Array<string | number>);
    missingKeys.set(parent, [...(missingKeys.get(parent) ?? []), String(issue.path.at(-1))]);
  }
  const meant = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = formatPath(issue.path as Array<string | number>);
    for (const key of issue.keys) {
      const guess = meantKey(key, missingKeys.get(parent) ?? []);
      if (guess && missingKeys.get(parent)?.includes(guess)) meant.add(`${parent}.${guess}`);
      problems.push({
        path: parent === '(root)' ? key : `${parent}.${key}`,
        message: `unknown key "${key}"; ${guess ? `did you mean "${guess}"?` : 'check the spelling against chatops.example.yaml'}`,
      });
    }
  }
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = formatPath(issue.path as Array<string | number>);
    if (meant.has(path) && required(issue)) continue;
    if (missing.some((m) => path === m || path.startsWith(`${m}.`) || path.startsWith(`${m}[`))) continue;
    const hint = issue.code === 'invalid_type' && !required(issue) ? typeHint(issue.expected, valueAt(raw, issue.path as PropertyKey[])) : '';
    const problem = { path, message: `${plainMessage(issue)}${hint}` };
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined), raw);
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}
