import { z } from '@mti/core';
import { awsS3ConfigSchema } from './awsS3ConfigSchema';

let schema: Record<string, unknown> | undefined;

/**
 * JSON Schema of a `storages.AwsS3Type` business config, shipped as `schema/config.schema.json`.
 * Made on the first call: loading an app never needs it (see core's `eJsonSchema`).
 */
export function awsS3ConfigJsonSchema(): Record<string, unknown> {
  schema ??= {
    $id: 'https://mti.dev/schema/aws-s3-config.schema.json',
    ...z.toJSONSchema(awsS3ConfigSchema, { io: 'input' }),
  };
  return schema;
}
