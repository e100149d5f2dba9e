import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The Docker image runs compiled JavaScript with production dependencies only: a chart that draws
 * in a checkout (tsx, dev dependencies at hand) could still fail there (a renderer or the font
 * resolved from a dev dependency, a module left out of the build). This builds the same layout as
 * the Dockerfile in a temporary folder — `dist/` from `tsc -p tsconfig.build.json`, `bin/`,
 * `package.json`, and `node_modules` pruned with `npm prune --omit=dev` (from a hardlinked copy,
 * offline, so it takes seconds) — and draws charts there.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;

/** Runs a command to its end; resolves with its exit code and output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const ok = (result: { code: number | null; out: string; err: string }) => expect(result.code, `${result.out}\n${result.err}`).toBe(0);

/** Only PATH and HOME, as in the image: no NODE_OPTIONS or loader from the test runner. */
const productionEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', LOG_LEVEL: 'error' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatops-image-'));
  ok(
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], ROOT),
  );
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, file), join(dir, file));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  // Hardlinks: prune only removes links in the copy. npm rewrites its hidden lockfile, so that one is a real copy.
  // Where the temporary folder is on another file system (a tmpfs /tmp in CI) links fail: copy instead.
  const linked = await run('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')], dir);
  if (linked.code !== 0) {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    ok(await run('cp', ['-a', join(ROOT, 'node_modules'), join(dir, 'node_modules')], dir));
  }
  unlinkSync(join(dir, 'node_modules/.package-lock.json'));
  copyFileSync(join(ROOT, 'node_modules/.package-lock.json'), join(dir, 'node_modules/.package-lock.json'));
  ok(await run('npm', ['prune', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], dir));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the built image layout (dist/ with production dependencies only)', () => {
  it('has only production packages: none the lockfile marks dev-only (vitest, tsx, typescript...)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.dev)
      .map(([path]) => path);
    expect(devOnly).toContain('node_modules/vitest');
    expect(devOnly.filter((path) => existsSync(join(dir, path, 'package.json')))).toEqual([]);
    expect(existsSync(join(dir, 'node_modules/echarts/package.json'))).toBe(true);
  });

  it('draws the /queue chart and the daily-summary chart as PNG from dist/', async () => {
    writeFileSync(
      join(dir, 'draw.mjs'),
      `
import { createDemoAdapter } from './dist/adapters/demo/adapter.js';
import { queueTrends } from './dist/commands/queue-trend.js';
import { renderChartPng } from './dist/src/charts/render-chart.js';
import { backfillHistory, createMemoryHistory } from './dist/src/history/index.js';
import { createMemoryQuotaGate } from './dist/src/quota/memory-gate.js';
import { createSource } from './dist/src/sources/source.js';
import { summaryChart } from './dist/src/watcher/summaries/summary-chart.js';

const now = new Date('2026-11-17T11:30:00-05:00');
const zone = 'America/Bogota';
const demo = createDemoAdapter({ id: 'demo', vendor: 'demo', seed: 42, timeZone: zone, quota: { reservePercent: 10 } }, { now: () => now });
const gate = createMemoryQuotaGate();
const source = createSource({ adapter: demo, gate, label: 'Demo', token: { key: 'demo', concurrency: 8, reserveShare: 0.1, timeZone: zone } });
const history = createMemoryHistory();
await backfillHistory({ history, adapters: [demo], now, from: new Date(now.getTime() - 2 * 3_600_000) });
const queue = (await queueTrends(history, source, [], now)).chart;
const summary = summaryChart({
  date: '2026-11-17', timeZone: zone, at: now,
  sources: [{ sourceId: 'demo', label: 'Demo', timeZone: zone, today: await demo.dayStats('2026-11-17'), lastWeek: await demo.dayStats('2026-11-10'), partial: true }],
  alerts: { count: 1, critical: 0, acknowledged: 0, fired: [{ at: Date.parse('2026-11-17T10:42:00-05:00'), ruleId: 'queue-long', severity: 'warning' }] },
});
const out = {};
for (const [name, chart] of [['queue', queue], ['summary', summary]]) {
  const png = await renderChartPng(chart);
  out[name] = { signature: png.subarray(0, 8).toString('hex'), bytes: png.length, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
await gate.close();
console.log(JSON.stringify(out));
`,
    );
    const drawn = await run(process.execPath, ['draw.mjs'], dir, productionEnv());
    ok(drawn);
    const charts = JSON.parse(drawn.out.trim().split('\n').pop()!) as Record<string, { signature: string; bytes: number; width: number; height: number }>;
    for (const name of ['queue', 'summary']) {
      expect(charts[name]!.signature, name).toBe('89504e470d0a1a0a');
      // Twice the pixels of the 800 x 400 layout.
      expect(charts[name]!.width, name).toBe(1600);
      expect(charts[name]!.height, name).toBe(800);
      // Axis labels and lines, not an empty canvas (a blank 1600x800 PNG is a few KB).
      expect(charts[name]!.bytes, name).toBeGreaterThan(10_000);
    }
  });

  it('the entry point runs the compiled code there: chatops ask "/queue" answers', async () => {
    const asked = await run(process.execPath, ['bin/chatops.js', 'ask', '/queue'], dir, productionEnv());
    ok(asked);
    expect(asked.out).toMatch(/Waiting/i);
  });

  it('the Dockerfile builds and ships the same layout', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const [buildStage, runStage] = dockerfile.split(/^FROM /m).slice(1);
    for (const folder of build.include) expect(buildStage, `build stage copies ${folder}`).toMatch(new RegExp(`^COPY ${folder} \\./${folder}$`, 'm'));
    expect(buildStage).toMatch(/npm run build && npm prune --omit=dev/);
    for (const shipped of ['node_modules', 'dist']) expect(runStage).toMatch(new RegExp(`^COPY --from=build .*/app/${shipped} \\./${shipped}$`, 'm'));
    expect(runStage).toMatch(/^COPY .*package\.json \.\/$/m);
    expect(runStage).toMatch(/^COPY .*bin \.\/bin$/m);
    expect(runStage).toMatch(/ENTRYPOINT \["node", "bin\/chatops\.js"\]/);
  });
});
