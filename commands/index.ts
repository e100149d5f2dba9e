import type { CommandDefinition } from '../src/router/types.js';
import { agentsCommand } from './agents.js';
import { alertsCommand } from './alerts.js';
import { handoffsCommand } from './handoffs.js';
import { helpCommand } from './help.js';
import { linkCommand } from './link.js';
import { queueCommand } from './queue.js';
import { staffingCommand } from './staffing.js';
import { todayCommand } from './today.js';
import { transcriptCommand } from './transcript.js';
import { wallboardCommand } from './wallboard.js';

export {
  agentsCommand,
  alertsCommand,
  handoffsCommand,
  helpCommand,
  linkCommand,
  queueCommand,
  staffingCommand,
  todayCommand,
  transcriptCommand,
  wallboardCommand,
};

/**
 * Every command, in the order `/help` lists them.
 *
 * @example
 *   const router = createRouter({ commands, config, sources });
 */
export const commands: CommandDefinition[] = [
  queueCommand,
  agentsCommand,
  todayCommand,
  handoffsCommand,
  transcriptCommand,
  alertsCommand,
  staffingCommand,
  wallboardCommand,
  linkCommand,
  helpCommand,
];
