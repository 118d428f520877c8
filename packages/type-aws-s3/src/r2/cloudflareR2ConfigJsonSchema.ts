import { z } from '@mti/core';
import { cloudflareR2ConfigSchema } from './cloudflareR2ConfigSchema';

let schema: Record<string, unknown> | undefined;

/**
 * JSON Schema of a `storages.CloudflareR2Type` business config, shipped as
 * `schema/cloudflare-r2-config.schema.json`: the fields as written (the endpoint made from
 * accountId is the validated config's, not the file's).
 */
export function cloudflareR2ConfigJsonSchema(): Record<string, unknown> {
  schema ??= {
    $id: 'https://mti.dev/schema/cloudflare-r2-config.schema.json',
    ...z.toJSONSchema(cloudflareR2ConfigSchema, { io: 'input' }),
  };
  return schema;
}
