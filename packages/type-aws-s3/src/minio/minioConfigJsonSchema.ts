import { z } from '@mti/core';
import { minioConfigSchema } from './minioConfigSchema';

let schema: Record<string, unknown> | undefined;

/** JSON Schema of a `storages.MinioType` business config, shipped as `schema/minio-config.schema.json`. */
export function minioConfigJsonSchema(): Record<string, unknown> {
  schema ??= {
    $id: 'https://mti.dev/schema/minio-config.schema.json',
    ...z.toJSONSchema(minioConfigSchema, { io: 'input' }),
  };
  return schema;
}
