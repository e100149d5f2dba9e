import cron from 'node-cron';
import { z } from 'zod';

/**
 * A node-cron expression, checked with node-cron's own validator (the one the watcher runs
 * with), so that `check-config` refuses what would never run. The message quotes the value,
 * says which fields are wrong, and gives an expression to copy.
 *
 * @example
 *   const poll = cronExpression('"*\/5 * * * *" (every 5 minutes)');
 */
export function cronExpression(example: string) {
  return (
    z
      .string()
      // For editors (the JSON Schema): five or six fields of the characters cron knows; node-cron checks the rest.
      .meta({ pattern: '^\\s*[0-9A-Za-z*/,?#LW-]+(\\s+[0-9A-Za-z*/,?#LW-]+){4,5}\\s*$' })
      .refine((text) => cron.validate(text), {
        error: (issue) => (typeof issue.input === 'string' ? cronProblem(issue.input, example) : 'expected a cron expression in quotes'),
      })
  );
}

function cronProblem(text: string, example: string): string {
  const { errors } = cron.validateDetailed(text) as { errors?: Array<{ field: string; value: string }> };
  const fields = (errors ?? []).filter((e) => e.field !== 'expression');
  const why = fields.length
    ? `${fields.map((e) => `${e.field} ${e.value}`).join(', ')} ${fields.length === 1 ? 'is' : 'are'} out of range`
    : 'it needs five fields (minute hour day month weekday), or six with seconds first';
  return `"${text}" is not a cron expression: ${why}; write e.g. ${example}`;
}
