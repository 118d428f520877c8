import { z } from '@mti/core';
import { diskConfigSchema } from './diskConfigSchema';

let schema: Record<string, unknown> | undefined;

/** JSON Schema of a `storages.DiskType` business config, shipped as `schema/config.schema.json`. */
export function diskConfigJsonSchema(): Record<string, unknown> {
  schema ??= {
    $id: 'https://mti.dev/schema/disk-config.schema.json',
    ...z.toJSONSchema(diskConfigSchema, { io: 'input' }),
  };
  return schema;
}
