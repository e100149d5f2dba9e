import type { ReplyForm } from './reply.js';

/** Quote characters are not part of any form value: they would break the command text. */
const QUOTES = /["'“”‘’„«»]/g;

/**
 * The command text a submitted form stands for: `<submit> "above=15" "for=2m"`, one quoted
 * argument per field (empty fields left out), for the router to parse like typed text.
 *
 * @example
 *   formSubmission(form, { above: '15', channels: 'ops, leads' }); // '/alerts apply bogota-queue "above=15" "channels=ops, leads"'
 */
export function formSubmission(form: Pick<ReplyForm, 'submit' | 'fields'>, values: Record<string, string | undefined>): string {
  const parts = form.fields.flatMap((field) => {
    const value = (values[field.name] ?? '').replace(QUOTES, '').replace(/\s+/g, ' ').trim();
    return value ? [`"${field.name}=${value}"`] : [];
  });
  return [form.submit, ...parts].join(' ');
}

/** `name=value` arguments back into a map (the command side of `formSubmission`). */
export function formValues(args: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) values[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return values;
}
