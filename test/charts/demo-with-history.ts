import { createDemoAdapter, type DemoAdapter } from '../../adapters/demo/adapter.js';
import { demoSourceSchema } from '../../src/config/source-schemas.js';
import { backfillHistory, createMemoryHistory, type History } from '../../src/history/index.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { CommandRouter } from '../../src/router/types.js';
import { createSource } from '../../src/sources/source.js';
import { routerOver } from '../support/router-kit.js';

/** 11:30 in Bogotá, the demo's busy hour, on a Tuesday. */
export const BUSY_HOUR = new Date('2026-11-17T16:30:00Z');

/** The real router and commands over the demo, with two hours of history (as the app backfills). */
export async function demoWithHistory(now = BUSY_HOUR): Promise<{ router: CommandRouter; history: History; adapter: DemoAdapter; close(): Promise<void> }> {
  const adapter = createDemoAdapter({ ...demoSourceSchema.parse({ vendor: 'demo', seed: 42, timeZone: 'America/Bogota' }), id: 'demo' }, { now: () => now });
  const gate = createMemoryQuotaGate({ now: () => now.getTime() });
  const source = createSource({
    adapter,
    gate,
    label: 'Demo contact center',
    token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone },
  });
  const history = createMemoryHistory();
  await backfillHistory({ history, adapters: [adapter], now, from: new Date(now.getTime() - 2 * 3_600_000) });
  const router = routerOver([source], { now: () => now, history });
  return { router, history, adapter, close: () => gate.close() };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
