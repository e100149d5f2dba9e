import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ConfigProblem } from './config-problem.js';
import { crossCheck } from './cross-check.js';
import { plainMessage } from './plain-words.js';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s) in the configuration:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  file: string;
  config: Config;
  /** Every secret value the configuration holds, for log redaction. */
  secrets: string[];
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
    throw new ConfigError(file, [{ path: '(file)', message: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return parseConfigText(text, env, file);
}

/** Parses YAML, substitutes `${VAR}` / `${VAR:-default}` in string values, validates. */
export function parseConfigText(text: string, env: NodeJS.ProcessEnv, file = '(embedded)'): LoadedConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({ path: '(file)', message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  const problems: ConfigProblem[] = [];
  const secrets: string[] = [];
  const raw = substitute(doc.toJS() ?? {}, [], env, problems, secrets);
  // One pass: the schema's problems and the cross-section ones together, each once.
  const result = configSchema.safeParse(raw);
  if (!result.success) problems.push(...zodProblems(result.error, problems));
  problems.push(...crossCheck(raw).filter((p) => !problems.some((q) => q.path === p.path)));
  if (problems.length > 0 || !result.success) throw new ConfigError(file, problems);
  return { file, config: result.data, secrets: [...new Set(secrets.filter((s) => s.length >= 4))] };
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

/**
 * zod's issues in plain words, leaving out those on a value whose environment variable is
 * missing (already reported, and the cause of the rest) and repeats.
 */
function zodProblems(error: z.ZodError, reported: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set(reported.map((p) => `${p.path}\n${p.message}`));
  const missing = reported.map((p) => p.path);
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    const path = formatPath(issue.path as Array<string | number>);
    if (missing.some((m) => path === m || path.startsWith(`${m}.`) || path.startsWith(`${m}[`))) continue;
    const problem = { path, message: plainMessage(issue) };
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}
