import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchema } from '../../src/config/json-schema.js';

const example = parse(readFileSync(new URL('../../chatops.example.yaml', import.meta.url), 'utf8'));

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(configJsonSchema());
}

describe('the JSON Schema an editor reads', () => {
  it('accepts chatops.example.yaml as written, ${VAR} placeholders included', () => {
    const validate = validator();
    expect(validate(example), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('names the fields of the source’s own vendor when one is missing', () => {
    const validate = validator();
    const config = structuredClone(example);
    delete config.sources.emea.dataCenter;
    expect(validate(config)).toBe(false);
    const missing = (validate.errors ?? []).filter((e) => e.keyword === 'required').map((e) => `${e.instancePath} ${String(e.params.missingProperty)}`);
    expect(missing).toEqual(['/sources/emea dataCenter']);
  });

  it('describes every property, so an editor explains each field on hover', () => {
    const undescribed: string[] = [];
    let properties = 0;
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}[${i}]`));
      if (!node || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        if (key === 'properties') {
          for (const [name, property] of Object.entries(child as Record<string, Record<string, unknown>>)) {
            properties++;
            if (typeof property.description !== 'string' || property.description.trim() === '') undescribed.push(`${path}.${name}`);
            walk(property, `${path}.${name}`);
          }
        } else walk(child, `${path}/${key}`);
      }
    };
    walk(configJsonSchema(), '');
    expect(properties).toBeGreaterThan(100);
    expect(undescribed).toEqual([]);
  });

  it('still refuses a placeholder-shaped mistake and a wrong type', () => {
    const validate = validator();
    const config = structuredClone(example);
    config.sources.emea.auth.email = 'not an email';
    config.alerts[0].above = 'ten';
    expect(validate(config)).toBe(false);
    const paths = new Set((validate.errors ?? []).map((e) => e.instancePath));
    expect(paths).toContain('/sources/emea/auth/email');
    expect(paths).toContain('/alerts/0/above');
  });
});
