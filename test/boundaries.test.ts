import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** Every source file under the folders that make up the app (not tests, not node_modules). */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder that does not exist yet has nothing to check
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name)) {
        out.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  for (const dir of ['src', 'adapters', 'commands']) walk(join(root, dir));
  return out;
}

/** Module names a file imports: static and dynamic `import`, `export … from`, `require`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

const RULES = [
  { what: 'the Bot Framework SDK', home: 'src/platforms/teams/', matches: (name: string) => /^(botbuilder|botframework-)/.test(name) },
  { what: 'the Slack SDK', home: 'src/platforms/slack/', matches: (name: string) => /^@slack\/(bolt|web-api)(\/|$)/.test(name) },
];

describe('platform SDK boundaries', () => {
  const files = sources();

  for (const rule of RULES) {
    it(`keeps ${rule.what} inside ${rule.home}`, () => {
      const strays = files.filter((f) => !f.startsWith(rule.home) && importsOf(f).some(rule.matches));
      expect(strays).toEqual([]);
    });
  }

  it('recognises the SDK imports it is looking for', () => {
    const teamsImports = files.filter((f) => f.startsWith('src/platforms/teams/')).flatMap(importsOf);
    expect(teamsImports.some(RULES[0]!.matches)).toBe(true);
    expect(RULES[1]!.matches('@slack/web-api')).toBe(true);
    expect(RULES[1]!.matches('@slack/types')).toBe(false);
  });
});

/** The repository path a relative import points at (`../../adapters/port.js` -> `adapters/port.ts`). */
function resolved(file: string, name: string): string | undefined {
  if (!name.startsWith('.')) return undefined;
  return normalize(join(dirname(file), name))
    .split(sep)
    .join('/')
    .replace(/\.js$/, '.ts');
}

/** Adapter code the core reaches for: anything under adapters/ but the port itself. */
function adapterImports(file: string): string[] {
  return importsOf(file)
    .map((name) => resolved(file, name))
    .filter((path): path is string => path !== undefined && path.startsWith('adapters/') && path !== 'adapters/port.ts');
}

describe('the core knows vendors only through the port', () => {
  const files = sources();
  // src/app/ is the composition root: it alone builds the adapters.
  const core = files.filter((f) => (f.startsWith('src/') && !f.startsWith('src/app/')) || f.startsWith('commands/'));

  it('keeps src/ and commands/ from importing adapter code other than adapters/port.ts', () => {
    const strays = core.flatMap((f) => adapterImports(f).map((path) => `${f} -> ${path}`));
    expect(strays).toEqual([]);
  });

  it('recognises adapter imports where they are allowed (the composition root)', () => {
    expect(adapterImports('src/app/vendor-profiles.ts')).toContain('adapters/wolkvox/profile.ts');
    expect(core.length).toBeGreaterThan(50);
  });
});

describe('Redis connections', () => {
  it('are opened only by the factory in src/redis/connect.ts (one server, Sentinel or Cluster from the environment)', () => {
    const opening = /\bnew\s+(?:Redis|Cluster|IORedis|\w+\.Cluster)\s*\(/;
    const strays = sources().filter((f) => f !== 'src/redis/connect.ts' && opening.test(readFileSync(join(root, f), 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')));
    expect(strays).toEqual([]);
    expect(opening.test(readFileSync(join(root, 'src/redis/connect.ts'), 'utf8'))).toBe(true);
  });
});

describe('vendor requests are metered by construction', () => {
  const vendorCode = sources().filter((f) => /^adapters\/(wolkvox|comm100|vcclive|demo)\//.test(f));
  const network = /^(node:)?(http|https|http2|net|tls|dgram)$|^undici$/;

  it('keeps vendor folders off the network except through adapters/http, whose every request passes the quota meter', () => {
    const strays = vendorCode.flatMap((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      const valueImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      const reached = valueImports.filter((name) => network.test(name)).map((name) => `${f} imports ${name}`);
      if (/(^|[^.\w])fetch\s*\(/.test(text.replace(/^\s*(\*|\/\/).*$/gm, ''))) reached.push(`${f} calls fetch()`);
      return reached;
    });
    expect(strays).toEqual([]);
    expect(vendorCode.length).toBeGreaterThan(10);
  });

  it('has the shared client meter each request before it leaves, and the demo meter each simulated one', () => {
    const client = readFileSync(join(root, 'adapters/http/vendor-http.ts'), 'utf8');
    const sendOnce = client.slice(client.indexOf('async function sendOnce'));
    expect(sendOnce.indexOf('await meterRequest(')).toBeGreaterThan(0);
    expect(sendOnce.indexOf('await meterRequest(')).toBeLessThan(sendOnce.indexOf('await request('));
    expect(readFileSync(join(root, 'adapters/demo/adapter.ts'), 'utf8')).toMatch(/await meterRequest\(/);
  });
});
