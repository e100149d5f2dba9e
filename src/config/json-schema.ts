import { z } from 'zod';
import { configSchema } from './schema.js';

type Node = Record<string, unknown>;

/** `${VAR}` or `${VAR:-default}`: a value that comes from the environment when the file is read. */
const PLACEHOLDER = {
  type: 'string',
  pattern: '^\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}$',
  description: 'Taken from the environment variable when the file is read: ${VAR} or ${VAR:-default}.',
};

/**
 * JSON Schema of `chatops.yaml` for editors (completion and checks), generated from the zod
 * schema (descriptions included). Two things editors need are added: a source's fields are
 * chosen by its `vendor` (if/then, so an editor names the fields of that vendor only), and any
 * value with a form (a number, an email, a pattern) may also be written as `${VAR}`.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Node;
  acceptPlaceholders(schema);
  discriminateSources(schema);
  return {
    ...schema,
    $id: 'https://github.com/chatops-contact-center/chatops/docs/chatops.schema.json',
    title: 'chatops.yaml',
    description: 'Configuration of the contact-center chat-ops bot. ${VAR} in any string is replaced by the environment variable VAR.',
  };
}

/** Wherever a value has a type other than plain string, or a string with a form, `${VAR}` is also accepted. */
function acceptPlaceholders(node: Node): void {
  for (const key of ['properties', 'patternProperties'] as const) {
    const props = node[key] as Record<string, Node> | undefined;
    if (!props) continue;
    for (const [name, child] of Object.entries(props)) {
      props[name] = withPlaceholder(child);
    }
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const child = node[key];
    if (child && typeof child === 'object') node[key] = withPlaceholder(child as Node);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[key] as Node[] | undefined;
    if (list) list.forEach((child) => acceptPlaceholders(child));
  }
}

function withPlaceholder(node: Node): Node {
  acceptPlaceholders(node);
  if ('const' in node || node.type === 'object' || node.type === 'array' || node.anyOf || node.oneOf) return node;
  const formed =
    node.type === 'number' ||
    node.type === 'integer' ||
    node.type === 'boolean' ||
    'format' in node ||
    'pattern' in node ||
    'minLength' in node ||
    'enum' in node;
  if (!formed) return node;
  const { description, default: fallback, ...rest } = node;
  return { ...(description ? { description } : {}), ...(fallback !== undefined ? { default: fallback } : {}), anyOf: [rest, PLACEHOLDER] };
}

/** `sources.<id>`: one branch per `vendor`, picked with if/then instead of a oneOf an editor cannot explain. */
function discriminateSources(schema: Node): void {
  const sources = (schema.properties as Record<string, Node>).sources!;
  const union = sources.additionalProperties as Node;
  const branches = (union.oneOf ?? union.anyOf) as Node[];
  const vendors = branches.map((b) => ((b.properties as Record<string, Node>).vendor as Node).const as string);
  sources.additionalProperties = {
    type: 'object',
    description: union.description ?? 'One contact-center operation the bot reads: its vendor, credentials and time zone.',
    required: ['vendor'],
    properties: { vendor: { type: 'string', enum: vendors, description: 'The platform: wolkvox, comm100, vcclive, or demo (the simulated contact center).' } },
    allOf: branches.map((branch, i) => ({
      if: { properties: { vendor: { const: vendors[i], description: `The ${vendors[i]} fields apply when vendor is ${vendors[i]}.` } }, required: ['vendor'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
      then: branch,
    })),
  };
}
