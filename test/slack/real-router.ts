import { commands } from '../../commands/index.js';
import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createRouter, createSourceDirectory, type Router, type RouterOptions } from '../../src/router/index.js';
import type { Source } from '../../src/sources/source.js';

export const SUPERVISOR_ID = 'U0SUP';

/** The bot's real router and commands over the demo contact center, as `main` wires them. */
export function demoRouter(options: Pick<RouterOptions, 'now' | 'alerts' | 'audit' | 'commandPrefix' | 'ruleEditing'> = {}): {
  router: Router;
  config: Config;
  sources: Source[];
} {
  const config = parseConfigText(
    `
sources:
  demo: { vendor: demo, label: Demo contact center, timeZone: America/Bogota }
channels:
  ops: slack:C0OPS
alerts:
  - { id: queue-long, metric: queue.waiting, source: demo, above: 8, channels: [ops] }
access:
  supervisors: { slackUsers: [${SUPERVISOR_ID}] }
`,
    {},
  ).config;
  const { sources } = buildSources({ config, gate: createMemoryQuotaGate(), logger: silentLogger(), now: options.now });
  return { router: createRouter({ commands, config, sources: createSourceDirectory(sources), ...options }), config, sources };
}
