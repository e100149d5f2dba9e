import type { Source } from '../sources/source.js';
import type { SourceDirectory } from './types.js';

/**
 * The configured sources, looked up by id or label as a supervisor would type them
 * (`bogota`, `Bogotá`, `BOGOTA`). The first source is the default.
 *
 * @example
 *   const sources = createSourceDirectory([bogota, emea]);
 *   sources.get('Bogotá'); // bogota
 *   sources.primary();     // bogota
 */
export function createSourceDirectory(sources: Source[]): SourceDirectory {
  const [first] = sources;
  if (!first) throw new Error('No sources: configure at least one under `sources` in chatops.yaml.');
  const byKey = new Map<string, Source>();
  for (const source of sources) byKey.set(sourceKey(source.label), source);
  // Ids win over labels when a label happens to equal another source's id.
  for (const source of sources) byKey.set(sourceKey(source.id), source);
  return {
    all: () => [...sources],
    get: (id) => byKey.get(sourceKey(id)),
    primary: () => first,
  };
}

/** The same directory with another default: what a command sees once a source was named. */
export function withPrimary(directory: SourceDirectory, chosen: Source): SourceDirectory {
  return { all: directory.all, get: directory.get, primary: () => chosen };
}

/** Case, accents and spacing do not matter: "Bogotá", "bogota" and "BOGOTA" are one source. */
function sourceKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .trim();
}
