import { ConfigError, loadConfigFile, resolveConfigPath, type LoadedConfig } from '../config/load.js';
import { describeProblem } from '../config/config-problem.js';
import { profileOf } from '../app/vendor-profiles.js';
import { chatRuleChanges } from './chat-rule-changes.js';
import { describeLeftOut } from '../config/optional-sources.js';

export interface CheckOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `chatops check-config [file]`: prints every problem with its path and exits 2, or prints a
 * summary (never a secret) and exits 0. With Redis configured, the summary ends with the alert
 * rules supervisors changed in chat, and warns about changes this file would set aside.
 */
export async function checkConfig(file: string | undefined, env: NodeJS.ProcessEnv, io: CheckOutput): Promise<number> {
  const path = file ?? resolveConfigPath(env);
  if (!path) {
    io.err('No configuration file: pass one (chatops check-config chatops.yaml), set CHATOPS_CONFIG, or create ./chatops.yaml from chatops.example.yaml.');
    return 2;
  }
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfigFile(path, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${path}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:`);
    for (const p of error.problems) io.err(`  ${describeProblem(p)}`);
    return 2;
  }
  for (const line of summarizeConfig(loaded)) io.out(line);
  const chat = await chatRuleChanges(loaded.config, env);
  for (const line of chat.lines) io.out(line);
  for (const warning of chat.warnings) io.err(`warning: ${warning}`);
  return 0;
}

export function summarizeConfig({ file, config, leftOut = [] }: LoadedConfig): string[] {
  const lines = [`${file}: OK`];
  lines.push(`  sources (${Object.keys(config.sources).length}):`);
  if (leftOut.length > 0) lines.push(`    left out, optional and not set: ${describeLeftOut(leftOut)}`);
  for (const [id, source] of Object.entries(config.sources)) lines.push(`    ${id}: ${profileOf(source).describe(source)}, time zone ${source.timeZone}`);
  const channels = Object.entries(config.channels);
  lines.push(
    `  channels (${channels.length}): ${channels.map(([alias, ref]) => `${alias} -> ${ref.startsWith('teams-webhook:') ? 'teams-webhook:(url)' : ref}`).join(', ') || 'none'}`,
  );
  lines.push(`  alert rules: ${config.alerts.length}${config.alerts.length ? ` (${config.alerts.map((a) => a.id ?? a.metric).join(', ')})` : ''}`);
  lines.push(`  daily summaries: ${config.summaries.length}`);
  const s = config.access.supervisors;
  lines.push(
    `  supervisors: ${s.slackUsers.length} Slack users, ${s.slackGroups.length} Slack user groups, ${s.teamsUsers.length} Teams users; others ${config.access.everyone ? 'may' : 'may not'} run read-only commands`,
  );
  lines.push(`  watcher: ${config.watcher.enabled ? 'on' : 'off'}`);
  return lines;
}
