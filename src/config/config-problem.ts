/** One problem in a configuration file, with the path of the offending value. */
export interface ConfigProblem {
  /** `alerts[2].above`, `sources.bogota.token`, or `(file)` for the whole file. */
  path: string;
  message: string;
  /** Where in the file (1-based), when the file has the value or its section. */
  line?: number;
  column?: number;
}

/** `12:5 alerts[0].above: expected a number`, or `alerts[0].above: …` when the place is unknown. */
export function describeProblem(problem: ConfigProblem): string {
  const place = problem.line === undefined ? '' : `${problem.line}:${problem.column ?? 1} `;
  return `${place}${problem.path}: ${problem.message}`;
}
