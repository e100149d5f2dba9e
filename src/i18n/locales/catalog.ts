/** A language's messages: flat keys, plain text with `{{placeholders}}`. */
export type Catalog = Record<string, string>;
