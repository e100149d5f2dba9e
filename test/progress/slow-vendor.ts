import { buildSources } from '../../src/app/build-sources.js';
import { parseConfigText } from '../../src/config/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createMemoryQuotaGate } from '../../src/quota/memory-gate.js';
import type { Router, ProgressTimer } from '../../src/router/index.js';
import { startFakeWolkvox, type FakeWolkvox } from '../fakes/fake-wolkvox.js';
import { routerOver } from '../support/router-kit.js';

export const SLACK_SUPERVISOR = 'U0SUP';
export const TEAMS_SUPERVISOR = '6b8a4c2e-3f1d-4e5a-9b7c-1d2e3f4a5b6c';
/** What the router says while `/transcript` searches the wolkvox source below. */
export const SEARCHING = 'Looking… (searching up to 7 days of Bogotá)';

/** The moment the test declares the answer slow: no clock, the test fires it. */
export function manualSlowness(): { timer: ProgressTimer; fire: () => void } {
  const waiting = new Set<() => void>();
  return {
    timer: (onSlow) => {
      waiting.add(onSlow);
      return () => waiting.delete(onSlow);
    },
    fire: () => {
      for (const onSlow of [...waiting]) onSlow();
    },
  };
}

export interface SlowVendorBot {
  router: Router;
  vendor: FakeWolkvox;
  slowness: ReturnType<typeof manualSlowness>;
  close(): Promise<void>;
}

/** The real router and commands over a fake wolkvox (Bogotá, 7 days of transcript search), with progress fired by the test. */
export async function slowVendorBot(): Promise<SlowVendorBot> {
  const vendor = await startFakeWolkvox();
  const config = parseConfigText(
    `
sources:
  bogota: { vendor: wolkvox, label: Bogotá, server: "0032", token: ${vendor.token}, timeZone: America/Bogota, baseUrl: "${vendor.url}", transcriptLookbackDays: 7 }
access:
  supervisors: { slackUsers: [${SLACK_SUPERVISOR}], teamsUsers: [${TEAMS_SUPERVISOR}] }
`,
    {},
  ).config;
  const gate = createMemoryQuotaGate();
  const built = buildSources({ config, gate, logger: silentLogger() });
  const slowness = manualSlowness();
  const router = routerOver(built.sources, { config, progressTimer: slowness.timer });
  return {
    router,
    vendor,
    slowness,
    async close() {
      await gate.close();
      await built.close();
      await vendor.close();
    },
  };
}
