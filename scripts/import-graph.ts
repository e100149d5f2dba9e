// Draws the folders of the bot and the imports between them: `npm run graph` writes docs/import-graph.md
// (a Mermaid flowchart, which GitHub and most editors render). `--check` only says whether the file is
// current. Each folder is a box (src/watcher's lifecycle subfolders each their own); an arrow is "imports".
// Layers point one way, so the drawing has no circle: `npm run lint` enforces it (no-circular-folders),
// and this script refuses to draw one.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
const OUT = new URL('../docs/import-graph.md', import.meta.url).pathname;

interface Cruised {
  modules: Array<{ source: string; dependencies: Array<{ resolved: string; coreModule: boolean; couldNotResolve: boolean }> }>;
}

/** The box a file is drawn in: its folder, with src/watcher/* and adapters/* one level deeper. */
function boxOf(file: string): string | undefined {
  const parts = file.split('/');
  if (!['src', 'adapters', 'commands'].includes(parts[0] ?? '') || parts.length < 2) return undefined;
  if (parts[0] === 'commands') return 'commands';
  if (parts.length === 2) return parts[0] === 'src' ? 'src (process entry)' : `${parts[0]}/${parts[1]?.replace(/\.ts$/, '')}`;
  if (parts[0] === 'src' && parts[1] === 'watcher' && parts.length > 3) return `src/watcher/${parts[2]}`;
  return `${parts[0]}/${parts[1]}`;
}

const json = execFileSync('npx', ['depcruise', 'src', 'adapters', 'commands', '--output-type', 'json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const cruised = JSON.parse(json) as Cruised;
const edges = new Map<string, Set<string>>();
for (const module of cruised.modules) {
  const from = boxOf(module.source);
  if (!from) continue;
  if (!edges.has(from)) edges.set(from, new Set());
  for (const dependency of module.dependencies) {
    if (dependency.coreModule || dependency.couldNotResolve) continue;
    const to = boxOf(dependency.resolved);
    if (to && to !== from) edges.get(from)?.add(to);
  }
}

const circle = findCircle(edges);
if (circle) {
  console.error(`import circle between folders: ${circle.join(' → ')} (npm run lint names the files)`);
  process.exit(1);
}

const drawn = withoutImplied(edges);
const boxes = [...edges.keys()].sort();
const id = (box: string) => `n${boxes.indexOf(box)}`;
const lines = [
  '# Import graph',
  '',
  'Written by `npm run graph` from the code; do not edit by hand. Each box is a folder, each arrow "imports";',
  'an arrow that a longer path already implies is left out, so what remains reads as layers.',
  'Arrows point one way (toward `src/domain`), so there is no circle: `npm run lint` fails on one.',
  '',
  '```mermaid',
  'flowchart TD',
  ...boxes.map((box) => `  ${id(box)}["${box}"]`),
  ...boxes.flatMap((box) => [...(drawn.get(box) ?? [])].sort().map((to) => `  ${id(box)} --> ${id(to)}`)),
  '```',
  '',
];
const text = lines.join('\n');
if (values.check) {
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (current !== text) {
    console.error('docs/import-graph.md is out of date: run `npm run graph`');
    process.exit(1);
  }
  console.log('docs/import-graph.md is current');
} else {
  writeFileSync(OUT, text);
  const count = (graph: Map<string, Set<string>>) => [...graph.values()].reduce((n, s) => n + s.size, 0);
  console.log(`wrote ${OUT} (${boxes.length} folders, ${count(edges)} imports between them drawn as ${count(drawn)} arrows, no circle)`);
}

/** The transitive reduction of a graph without circles: an arrow a→c goes when a reaches c another way. */
function withoutImplied(graph: Map<string, Set<string>>): Map<string, Set<string>> {
  const reach = new Map<string, Set<string>>();
  const reachable = (node: string): Set<string> => {
    const known = reach.get(node);
    if (known) return known;
    const found = new Set<string>();
    for (const next of graph.get(node) ?? []) {
      found.add(next);
      for (const further of reachable(next)) found.add(further);
    }
    reach.set(node, found);
    return found;
  };
  const reduced = new Map<string, Set<string>>();
  for (const [node, targets] of graph) {
    const kept = [...targets].filter((to) => ![...targets].some((via) => via !== to && reachable(via).has(to)));
    reduced.set(node, new Set(kept));
  }
  return reduced;
}

/** One circle in the folder graph, or undefined (depth-first search with colours). */
function findCircle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}
