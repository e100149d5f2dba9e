import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createApp, type App } from '../../src/app/create-app.js';
import { readSettings } from '../../src/app/settings.js';

let app: App | undefined;
afterEach(async () => {
  await app?.stop(1_000);
  app = undefined;
});

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (chunk: string) => (body += chunk))
        .on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('a first real deployment', () => {
  it('serves conventional process metrics, and the /privacy and /terms pages the Teams package links', async () => {
    const settings = { ...(await readSettings({ CHATOPS_CONFIG: '' })), port: 0 };
    app = await createApp({ settings, watch: false, platforms: false, logDestination: silent });
    const port = await app.serve();
    const metrics = await get(port, '/metrics');
    expect(metrics.body).not.toContain('chatops_process_process_');
    expect(metrics.body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(metrics.body).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(metrics.body).toContain('chatops_commands_total');
    const manifest = readFileSync(new URL('../../teams/manifest.json', import.meta.url), 'utf8');
    for (const path of ['/privacy', '/terms']) {
      expect(manifest).toContain(`/${path.slice(1)}"`);
      const page = await get(port, path);
      expect(page.status).toBe(200);
      expect(page.type).toContain('text/html');
      expect(page.body).toMatch(/<h1>(Privacy|Terms of use)<\/h1>/);
    }
  });

  it('lists every variable the bot reads in .env.example', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const settings = ['../../src/app/settings.ts', '../../src/redis/redis-settings.ts', '../../src/cli/start.ts']
      .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
      .join('\n');
    const read = new Set([...settings.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    for (const name of [...read, 'CHATOPS_CONFIG']) expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });

  it('has a compose recipe that refuses to start without chatops.yaml instead of mounting a directory, and lets .env set the log level', () => {
    const compose = parse(readFileSync(new URL('../../compose.yaml', import.meta.url), 'utf8'));
    const bot = compose.services.bot;
    const mount = bot.volumes.find((v: { target?: string }) => v.target === bot.environment.CHATOPS_CONFIG);
    expect(mount).toMatchObject({ type: 'bind', source: './chatops.yaml', read_only: true, bind: { create_host_path: false } });
    // compose's `environment` wins over `env_file`: it may only hold what .env must not change.
    expect(Object.keys(bot.environment).sort()).toEqual(['CHATOPS_CONFIG', 'REDIS_URL']);
    expect(bot.env_file).toEqual([{ path: '.env', required: false }]);
  });

  it("keeps secrets out of the image: .env, keys and chatops.yaml stay out of the build context, and the app files are not the runtime user's", () => {
    const ignored = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8').split('\n');
    for (const pattern of ['.env', '.env.*', 'chatops.yaml', '*.pem', '*.key']) expect(ignored).toContain(pattern);
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    const run = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(run).toMatch(/^USER node$/m);
    expect(run).not.toContain('--chown');
  });
});
