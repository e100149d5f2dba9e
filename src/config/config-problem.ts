/** One problem in a configuration file, with the path of the offending value. */
export interface ConfigProblem {
  /** `alerts[2].above`, `sources.bogota.token`, or `(file)` for the whole file. */
  path: string;
  message: string;
}
