import { z } from 'zod';
import { declarationSchema } from './declarationSchema';

/**
 * JSON Schema (draft 2020-12) of `e.json`. The same document ships as
 * `@mti/core/schema/e.schema.json` so editors can check files through `"$schema"`.
 */
export const eJsonSchema: Record<string, unknown> = {
  $id: 'https://mti.dev/schema/e.schema.json',
  ...z.toJSONSchema(declarationSchema, { io: 'input' }),
};
