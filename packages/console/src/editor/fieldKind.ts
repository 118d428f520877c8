import type { JsonSchema } from '../api/types';

export type FieldKind = 'object' | 'enum' | 'boolean' | 'number' | 'integer' | 'string' | 'json';

/** The schema of a field without the `null`/optional wrappers zod may put around it. */
export function unwrap(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (options === undefined) return schema;
  const real = options.filter((option) => option.type !== 'null');
  return real.length === 1 && real[0] !== undefined
    ? { ...schema, ...real[0], anyOf: undefined, oneOf: undefined }
    : schema;
}

/** Which control a field gets: enums a select, booleans a checkbox, numbers a number input. */
export function fieldKind(schema: JsonSchema): FieldKind {
  const s = unwrap(schema);
  if (s.enum !== undefined) return 'enum';
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' && s.properties !== undefined) return 'object';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (type === 'string') return 'string';
  return 'json';
}
