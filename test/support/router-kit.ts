export { collectingLogger } from './collecting-logger.js';
import type { Capability, VendorAdapter } from '../../adapters/port.js';
import { parseConfigText } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import type { AgentStatus, DayStats, HandoffReport, QueueSnapshot, Transcript, VendorKind } from '../../src/domain/types.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import { createSource, type Source } from '../../src/sources/source.js';
import type { Asker } from '../../src/domain/asker.js';
import { commands } from '../../commands/index.js';
import { buildSources } from '../../src/app/build-sources.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRouter, createSourceDirectory, type Router, type RouterOptions } from '../../src/router/index.js';

export const SUPERVISOR: Asker = { platform: 'slack', userId: 'U0SUPER', displayName: 'Sara Supervisor' };
export const AGENT_LEAD: Asker = { platform: 'slack', userId: 'U0OTHER', displayName: 'Omar' };
export const CONSOLE: Asker = { platform: 'console', userId: 'console' };

/** A configuration with two sources (bogota, emea), one supervisor and two alert rules. */
export function testConfig(extra = ''): Config {
  const text = `
sources:
  bogota: { vendor: demo, label: Bogotá, timeZone: America/Bogota }
  emea: { vendor: demo, label: EMEA, timeZone: Europe/Budapest }
channels:
  ops: slack:C0OPS
alerts:
  - id: queue-long
    metric: queue.waiting
    source: bogota
    above: 8
    for: 2m
    channels: [ops]
    activeHours: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00" }
  - metric: agents.available
    source: emea
    below: 1
    channels: [ops, console]
access:
  supervisors: { slackUsers: [U0SUPER], slackGroups: [S0LEADS] }
${extra}`;
  return parseConfigText(text, {}).config;
}

export interface CountingAdapter extends VendorAdapter {
  calls: Array<{ method: string; args: unknown[] }>;
}

export interface FakeData {
  queue?: QueueSnapshot;
  agents?: AgentStatus[];
  transcript?: Transcript | null;
  today?: DayStats;
  handoffs?: HandoffReport;
  /** Thrown by every method instead of answering. */
  failWith?: unknown;
}

/** An adapter in memory that records every call, so a test can show nothing reached the vendor. */
export function countingAdapter(
  id: string,
  data: FakeData = {},
  options: { vendor?: VendorKind; timeZone?: string; capabilities?: Capability[] } = {},
): CountingAdapter {
  const calls: CountingAdapter['calls'] = [];
  const answer = async <T>(method: string, args: unknown[], value: T | undefined): Promise<T> => {
    calls.push({ method, args });
    if (data.failWith) throw data.failWith;
    if (value === undefined) throw new Error(`test data for ${method} missing`);
    return value;
  };
  return {
    id,
    vendor: options.vendor ?? 'demo',
    timeZone: options.timeZone ?? 'America/Bogota',
    quotaKey: `test:${id}`,
    capabilities: new Set(options.capabilities ?? ['queue', 'agents', 'transcript', 'today', 'handoffs']),
    calls,
    queue: () => answer('queue', [], data.queue),
    agents: () => answer('agents', [], data.agents),
    transcript: (chatId) => answer('transcript', [chatId], data.transcript),
    today: () => answer('today', [], data.today),
    handoffs: (range) => answer('handoffs', [range], data.handoffs),
  };
}

/** The adapter behind the real in-memory quota gate, as the bot wires it. */
export function sourceFor(adapter: VendorAdapter, label?: string): Source {
  const gate = createMemoryQuotaGate();
  return createSource({ adapter, gate, label, token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone } });
}

/** Everything `createRouter` takes except the source directory, which `routerOver` builds from its sources. */
export type KitRouterOptions = Partial<Omit<RouterOptions, 'sources'>>;

/**
 * The bot's real router over these sources, as src/app wires it: the shipped `commands` and
 * `testConfig()` unless `options` says otherwise; every other RouterOptions field passes through.
 * The one place in test/ and bench/ that calls `createRouter`.
 */
export function routerOver(sources: Source[], options: KitRouterOptions = {}): Router {
  const { commands: list = commands, config = testConfig(), ...rest } = options;
  return createRouter({ ...rest, commands: list, config, sources: createSourceDirectory(sources) });
}

export const DEMO_SUPERVISOR_ID = 'U0SUP';

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
  supervisors: { slackUsers: [${DEMO_SUPERVISOR_ID}] }
`,
    {},
  ).config;
  const { sources } = buildSources({ config, gate: createMemoryQuotaGate(), logger: silentLogger(), now: options.now });
  return { router: routerOver(sources, { ...options, config }), config, sources };
}
