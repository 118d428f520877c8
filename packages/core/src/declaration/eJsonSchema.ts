import { z } from 'zod';
import { declarationSchema } from './declarationSchema';

let schema: Record<string, unknown> | undefined;

/**
 * JSON Schema (draft 2020-12) of `e.json`. The same document ships as
 * `@mti/core/schema/e.schema.json` so editors can check files through `"$schema"`. Made on the
 * first call rather than at import: loading an app never needs it, and generating it was a
 * measurable part of `mti ls` (docs/BENCHMARKS.md, the cli case).
 */
export function eJsonSchema(): Record<string, unknown> {
  schema ??= { $id: 'https://mti.dev/schema/e.schema.json', ...z.toJSONSchema(declarationSchema, { io: 'input' }) };
  return schema;
}
