import { isCollection, isMap, isScalar, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { ConfigProblem } from './config-problem.js';

/**
 * Gives each problem the line and column of what it names: the value at its path, else the
 * nearest section the file has (a required key that is missing is placed at its section).
 *
 * @example
 *   locate(doc, lines, [{ path: 'alerts[0].above', message: 'expected a number' }]);
 *   // [{ path: 'alerts[0].above', message: …, line: 74, column: 12 }]
 */
export function locate(doc: Document, lines: LineCounter, problems: ConfigProblem[]): ConfigProblem[] {
  return problems.map((problem) => {
    if (problem.line !== undefined || problem.path === '(file)') return problem;
    const at = nodeAt(doc, parsePath(problem.path), problem.message.startsWith('unknown key'));
    if (at?.range === undefined || at.range === null) return problem;
    const { line, col } = lines.linePos(at.range[0]);
    return { ...problem, line, column: col };
  });
}

/** `alerts[0].channels[1]` → ['alerts', 0, 'channels', 1]. */
export function parsePath(path: string): Array<string | number> {
  if (path === '(root)') return [];
  const parts: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return parts;
}

/** The deepest node on the path; the key itself when asked (an unknown key) or when its value is empty. */
function nodeAt(doc: Document, path: Array<string | number>, wantKey = false): YamlNode | undefined {
  let node: unknown = doc.contents;
  let last: YamlNode | undefined = isCollection(node) ? (node as YamlNode) : undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return last;
      const value = pair.value as YamlNode | null;
      node = value;
      last = value?.range && !(wantKey && part === path.at(-1)) ? value : (pair.key as YamlNode);
    } else if (isCollection(node) && typeof part === 'number') {
      const item = node.items[part] as YamlNode | undefined;
      if (!item) return last;
      node = item;
      last = item;
    } else return last;
  }
  return last;
}
