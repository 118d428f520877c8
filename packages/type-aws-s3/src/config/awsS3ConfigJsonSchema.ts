import { z } from '@mti/core';
import { awsS3ConfigSchema } from './awsS3ConfigSchema';

/** JSON Schema of a `storages.AwsS3Type` business config, shipped as `schema/config.schema.json`. */
export const awsS3ConfigJsonSchema: Record<string, unknown> = {
  $id: 'https://mti.dev/schema/aws-s3-config.schema.json',
  ...z.toJSONSchema(awsS3ConfigSchema, { io: 'input' }),
};
