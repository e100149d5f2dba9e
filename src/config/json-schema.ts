import { z } from 'zod';
import { configSchema } from './schema.js';

/** JSON Schema of `chatops.yaml` for editors (completion and checks), generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/chatops-contact-center/chatops/docs/chatops.schema.json',
    title: 'chatops.yaml',
    description: 'Configuration of the contact-center chat-ops bot. ${VAR} in any string is replaced by the environment variable VAR.',
  };
}
