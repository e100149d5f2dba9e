/**
 * Transcript lookup in a 256 MB chat_2 answer: the streaming search against a plain
 * `JSON.parse` of the same body.
 *
 *   npx tsx bench/transcript-lookup.ts            # 256 MB
 *   BENCH_MB=64 npx tsx bench/transcript-lookup.ts
 *
 * Writes the body to a temporary file, serves it from the fake wolkvox, and runs each way in its
 * own child process so that peak RSS is measured separately. The children run the adapter
 * compiled to plain JavaScript (bench/out/, as the Docker image runs dist/): under tsx a process
 * starts some 40 MB heavier. Targets: peak RSS < 150 MB, time <= the JSON.parse baseline,
 * event-loop delay p99 < 100 ms.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const TIME_ZONE = 'America/Bogota';
const NOW = '2024-05-14T20:00:00Z';
const TARGET_MB = Number(process.env.BENCH_MB ?? 256);

interface Figures {
  mode: string;
  found: boolean;
  ms: number;
  peakRssMb: number;
  startRssMb: number;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Writes a chat_2 body of about `megabytes` MB; answers its path and a conn_id near its end. */
async function writeBody(megabytes: number): Promise<{ file: string; target: string; records: number }> {
  const file = join(tmpdir(), `wolkvox-bench-chat2-${megabytes}mb.json`);
  const out = createWriteStream(file);
  const target = megabytes * 1024 * 1024;
  let size = 0;
  let i = 0;
  const write = async (text: string) => {
    size += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"code":200,"error":null,"msg":"many records were found","data":[');
  // Stays just under the size: the vendor's cap (and the adapter's) is 256 MiB.
  for (;;) {
    const conversation = Array.from({ length: 12 }, (_, k) => ({
      channel: 'whatsapp',
      from: k % 2 ? 'agent' : 'customer',
      from_name: k % 2 ? 'Laura Gómez' : 'Carlos Pérez',
      to_name: k % 2 ? 'Carlos Pérez' : 'Laura Gómez',
      date: `2024-05-14 ${String(8 + (i % 10)).padStart(2, '0')}:${String(k * 4).padStart(2, '0')}:00`,
      message: `Hola, quisiera saber el estado del pedido número ${i * 7 + k}, dice "en tránsito" desde el lunes {ref: [${k}]}. Gracias.`,
      customer_id: String(1_000_000_000 + i),
      feeling: k % 3 ? 'neutral' : 'positive',
    }));
    const record = `${i ? ',' : ''}${JSON.stringify({ conn_id: String(90_000_000 + i), agent_name: 'Laura Gómez', customer_name: 'Carlos Pérez', conversation })}`;
    if (size + Buffer.byteLength(record) + 2 > target) break;
    await write(record);
    i++;
  }
  await write(']}');
  out.end();
  await once(out, 'finish');
  return { file, target: String(90_000_000 + i - 2), records: i };
}

async function child(mode: string, url: string, target: string): Promise<void> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let startRss = process.memoryUsage().rss;
  let found = false;
  let ms = 0;
  if (mode === 'stream') {
    const { createWolkvoxAdapter } = await import('../adapters/wolkvox/adapter.js');
    const adapter = createWolkvoxAdapter(
      {
        id: 'bench',
        vendor: 'wolkvox',
        server: '0032',
        token: 'bench-token-123456',
        timeZone: TIME_ZONE,
        baseUrl: url,
        transcriptLookbackDays: 1,
        skills: [],
        quota: { reservePercent: 10 },
      },
      { now: () => new Date(NOW), retries: 0 },
    );
    await adapter.tokenUsage().catch(() => undefined); // loads and warms every module before measuring
    startRss = process.memoryUsage().rss;
    histogram.enable();
    const started = performance.now();
    const transcript = await adapter.transcript(target);
    ms = performance.now() - started;
    await settle();
    histogram.disable();
    found = transcript?.id === target;
    await adapter.close();
  } else {
    histogram.enable();
    const started = performance.now();
    const res = await request(`${url}/api/v2/reports_manager.php?api=chat_2&date_ini=20240514000000&date_end=20240514150000`, {
      headers: { 'wolkvox-token': 'bench-token-123456' },
    });
    const parsed = JSON.parse(await res.body.text()) as { data: Array<{ conn_id: string }> };
    found = parsed.data.find((r) => r.conn_id === target) !== undefined;
    ms = performance.now() - started;
    await settle();
    histogram.disable();
  }
  const figures: Figures = {
    mode,
    found,
    ms: Math.round(ms),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    startRssMb: Math.round(startRss / 1024 / 1024),
    loopDelayP50Ms: Math.round(histogram.percentile(50) / 1e6),
    loopDelayP99Ms: Math.round(histogram.percentile(99) / 1e6),
    loopDelayMaxMs: Math.round(histogram.max / 1e6),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');

/** Compiles this file, `adapters/` and `src/` to JavaScript under bench/out/ (same relative layout). */
async function compile(): Promise<string> {
  const { default: ts } = await import('typescript');
  const sources = [join(ROOT, 'bench', 'transcript-lookup.ts')];
  for (const dir of ['adapters', 'src']) {
    for (const name of await readdir(join(ROOT, dir), { recursive: true })) if (name.endsWith('.ts')) sources.push(join(ROOT, dir, name));
  }
  for (const file of sources) {
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const out = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, outputText);
  }
  return join(OUT, 'bench', 'transcript-lookup.js');
}

/** Lets the delay monitor's timer fire once more, so a block that just ended is recorded. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 30));
}

async function runChild(script: string, mode: string, url: string, target: string): Promise<Figures> {
  const proc = spawn(process.execPath, ['--max-old-space-size=8192', script, '--child', mode, url, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(proc, 'exit')) as [number];
  if (code !== 0) throw new Error(`${mode} child exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

async function main(): Promise<void> {
  const { startFakeWolkvox } = await import('../test/fakes/fake-wolkvox.js');
  console.log(`writing a ${TARGET_MB} MB chat_2 body...`);
  const { file, target, records } = await writeBody(TARGET_MB);
  const bytes = (await stat(file)).size;
  const fake = await startFakeWolkvox({ token: 'bench-token-123456', data: { chats: [], chat_2: () => ({ file }) } });
  try {
    console.log(`${(bytes / 1024 / 1024).toFixed(1)} MB, ${records} records, looking for conn_id ${target} (second to last)\n`);
    const script = await compile();
    const results = [await runChild(script, 'stream', fake.url, target), await runChild(script, 'json-parse', fake.url, target)];
    console.log('mode         found   time ms   peak RSS MB (at start)   loop delay p50 / p99 / max ms');
    for (const r of results) {
      console.log(
        `${r.mode.padEnd(12)} ${String(r.found).padEnd(7)} ${String(r.ms).padStart(7)}   ${String(r.peakRssMb).padStart(11)} (${r.startRssMb})${' '.repeat(12)}${r.loopDelayP50Ms} / ${r.loopDelayP99Ms} / ${r.loopDelayMaxMs}`,
      );
    }
    const [streamed, parsed] = results as [Figures, Figures];
    console.log('\ntargets: peak RSS < 150 MB, time <= JSON.parse, loop delay p99 < 100 ms');
    console.log(`  peak RSS ${streamed.peakRssMb} MB: ${streamed.peakRssMb < 150 ? 'met' : 'MISSED'}`);
    console.log(`  time ${streamed.ms} ms vs ${parsed.ms} ms: ${streamed.ms <= parsed.ms ? 'met' : 'MISSED'}`);
    console.log(`  loop delay p99 ${streamed.loopDelayP99Ms} ms: ${streamed.loopDelayP99Ms < 100 ? 'met' : 'MISSED'}`);
  } finally {
    await fake.close();
    if (!process.env.KEEP_BENCH_FILE) await rm(file, { force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
} else {
  await main();
}
