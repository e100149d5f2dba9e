import type { AccessConfig } from '../config/schema.js';
import type { Asker } from '../domain/asker.js';
import type { CommandDefinition } from './types.js';

/**
 * Supervisors are listed in `access.supervisors` by Slack user, Slack user group or Teams
 * object id; whoever sits at the console is one.
 *
 * @example
 *   isSupervisor({ platform: 'slack', userId: 'U0123', groups: ['S777'] }, config.access);
 */
export function isSupervisor(asker: Asker, access: AccessConfig): boolean {
  return isListed(asker, access.supervisors);
}

/**
 * Who may change alert rules from the chat: `access.ruleEditors` when set, else the supervisors;
 * whoever sits at the console may.
 *
 * @example
 *   isRuleEditor({ platform: 'slack', userId: 'U0123' }, config.access);
 */
export function isRuleEditor(asker: Asker, access: AccessConfig): boolean {
  return access.ruleEditors ? isListed(asker, access.ruleEditors) : isSupervisor(asker, access);
}

function isListed(asker: Asker, supervisors: AccessConfig['supervisors']): boolean {
  switch (asker.platform) {
    case 'console':
      return true;
    case 'slack':
      return supervisors.slackUsers.includes(asker.userId) || (asker.groups ?? []).some((g) => supervisors.slackGroups.includes(g));
    case 'teams':
      return supervisors.teamsUsers.some((id) => id.toLowerCase() === asker.userId.toLowerCase());
    default:
      return false;
  }
}

/**
 * Whether the asker may run the command: supervisor commands need a supervisor; the others
 * need a supervisor or `access.everyone`; `openToAll` commands (help) run for anyone.
 *
 * @example
 *   mayRun(transcriptCommand, asker, config.access); // false for a non-supervisor
 */
export function mayRun(command: CommandDefinition, asker: Asker, access: AccessConfig): boolean {
  if (command.openToAll) return true;
  if (isSupervisor(asker, access)) return true;
  return command.access === 'everyone' && access.everyone;
}
