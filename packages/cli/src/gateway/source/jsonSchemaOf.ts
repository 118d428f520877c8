import { z } from '@mti/core';

const made = new WeakMap<z.ZodType, Record<string, unknown>>();

/**
 * JSON Schema (draft 2020-12) of a Type's config schema, as a form fills it in: `io: 'input'`,
 * so fields with defaults are optional and carry their `default`. Parts JSON Schema cannot say
 * (refinements, transforms) accept anything there: the server checks them on save. Made once
 * per schema.
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = made.get(schema);
  if (json === undefined) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    made.set(schema, json);
  }
  return json;
}
