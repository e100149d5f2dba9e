/**
 * Router and renderer throughput, on demand: `npx tsx bench/router.ts`.
 * Prints commands per second through parse -> access -> handler -> text for cached demo answers,
 * the cost of refusing hostile input, and phone masking over long texts.
 */
import { createDemoAdapter } from '../adapters/demo/adapter.js';
import { parseConfigText } from '../src/config/load.js';
import { demoSourceSchema } from '../src/config/source-schemas.js';
import { maskPhones } from '../src/privacy/mask-phone.js';
import { createMemoryQuotaGate } from '../src/quota/memory-gate.js';
import { renderText } from '../src/reply/render-text.js';
import { createSource } from '../src/sources/source.js';
import { routerOver } from '../test/support/router-kit.js';

const config = parseConfigText('sources:\n  demo: { vendor: demo, timeZone: America/Bogota }\n', {}).config;
const adapter = createDemoAdapter({ ...demoSourceSchema.parse({ vendor: 'demo', timeZone: 'America/Bogota' }), id: 'demo' });
const gate = createMemoryQuotaGate();
const source = createSource({ adapter, gate, token: { key: adapter.quotaKey, concurrency: 2, reserveShare: 0.1, timeZone: adapter.timeZone } });
const router = routerOver([source], { config });
const asker = { platform: 'console' as const, userId: 'console' };

async function measure(label: string, n: number, text: () => string): Promise<void> {
  await router.handle({ text: text(), asker, venue: 'console' }); // warm the cache
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) renderText(await router.handle({ text: text(), asker, venue: 'console' }));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label.padEnd(34)} ${(n / (ms / 1000)).toFixed(0).padStart(8)} commands/s  (${(ms / n).toFixed(3)} ms each)`);
}

await measure('/queue (cached)', 20_000, () => '/queue');
await measure('/agents page:2 (cached)', 20_000, () => '/agents page:2');
await measure('/today (cached)', 20_000, () => '/today');
await measure('/help', 20_000, () => '/help');
await measure('hostile id (usage, no vendor call)', 20_000, () => '/transcript 123&api=agents');
await measure('100k-character paste (refused)', 2_000, () => `/transcript ${'x'.repeat(100_000)}`);

for (const [label, text] of [
  ['maskPhones, 100k chars of prose', 'Hola, mi número es +57 300 123 4412 y mi pedido 4398. '.repeat(1_900)],
  ['maskPhones, 100k chars of digits', '1 '.repeat(50_000)],
] as const) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < 50; i++) maskPhones(text);
  console.log(`${label.padEnd(34)} ${(Number(process.hrtime.bigint() - started) / 1e6 / 50).toFixed(2).padStart(8)} ms per text`);
}
await gate.close();
