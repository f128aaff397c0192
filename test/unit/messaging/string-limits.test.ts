// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as protocol from '../../../lib/messaging/protocol';

/**
 * Convention: every string any message may carry has a length limit, so no message (from a page,
 * a tab or an extension page) can make the receiver hold or scan an unbounded string. The walk
 * covers every schema the protocol exports; a new message is covered as soon as it is exported.
 */

/** Places where a value is left open on purpose, each with why it is bounded anyway. */
const OPEN_ON_PURPOSE: Readonly<Record<string, string>> = {
  // Each sender reads `result` with the schema of the request it sent (lib/messaging/requests.ts:
  // EditResultSchema, StateMapSchema, …), all exported here and walked like the rest.
  'ReplySchema.options[0].result': 'checked by the sender with the result schema of its request',
  // The tab checks each draft rule with RuleSchema (walked through UiRequestSchema's ui:saveRules);
  // an invalid draft only counts as `null`.
  'RuleCountRequestSchema.rules[]': 'each draft checked by RuleSchema in the tab',
};

type AnySchema = z.core.$ZodType;

function unbounded(schema: AnySchema, path: string, found: string[], seen: Set<AnySchema>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (child: unknown, at: string) => unbounded(child as AnySchema, at, found, seen);
  switch (def.type) {
    case 'string': {
      const checks = (def['checks'] as Array<{ _zod: { def: { check: string } } }> | undefined) ?? [];
      if (!checks.some((check) => check._zod.def.check === 'max_length')) found.push(path);
      return;
    }
    case 'unknown':
    case 'any':
      if (!(path in OPEN_ON_PURPOSE)) found.push(`${path} (${def.type})`);
      return;
    case 'object':
      for (const [key, child] of Object.entries(def['shape'] as Record<string, unknown>)) walk(child, `${path}.${key}`);
      return;
    case 'array':
      return walk(def['element'], `${path}[]`);
    case 'record':
      walk(def['keyType'], `${path}{key}`);
      return walk(def['valueType'], `${path}{value}`);
    case 'union':
      (def['options'] as unknown[]).forEach((option, index) => walk(option, `${path}.options[${index}]`));
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def['innerType'], path);
    case 'pipe':
      walk(def['in'], path);
      return walk(def['out'], path);
    case 'lazy':
      return walk((def['getter'] as () => unknown)(), path);
    case 'intersection':
      walk(def['left'], path);
      return walk(def['right'], path);
    case 'tuple':
      (def['items'] as unknown[]).forEach((item, index) => walk(item, `${path}[${index}]`));
      return;
    case 'number':
    case 'int':
    case 'boolean':
    case 'literal':
    case 'enum':
    case 'transform':
    case 'null':
    case 'undefined':
      return;
    default:
      found.push(`${path} (a ${def.type} this test does not know: teach it)`);
  }
}

const schemas = Object.entries(protocol).filter(([name, value]) => name.endsWith('Schema') && typeof value === 'object' && value !== null && '_zod' in value) as Array<[string, AnySchema]>;

describe('message schemas', () => {
  it('are all found', () => {
    const names = schemas.map(([name]) => name);
    for (const expected of ['ContentRequestSchema', 'UiRequestSchema', 'ReplySchema', 'BackgroundPushSchema', 'RuleCountRequestSchema', 'RuleCountReplySchema', 'ReplaceResultSchema', 'EditResultSchema']) {
      expect(names).toContain(expected);
    }
  });

  it.each(schemas)('%s: every string has a length limit', (name, schema) => {
    const found: string[] = [];
    unbounded(schema, name, found, new Set());
    expect(found).toEqual([]);
  });

  it('the walk finds an unbounded string where there is one', async () => {
    const { z: zod } = await import('zod');
    const found: string[] = [];
    unbounded(zod.object({ a: zod.array(zod.string().trim()), b: zod.string().max(3).optional() }), 'Probe', found, new Set());
    expect(found).toEqual(['Probe.a[]']);
  });
});
