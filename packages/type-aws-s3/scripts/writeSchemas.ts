// Regenerates the JSON Schemas shipped for editors; `config.test.ts` and `serviceTypes.test.ts` fail when they drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsS3ConfigJsonSchema } from '../src/config/awsS3ConfigJsonSchema';
import { minioConfigJsonSchema } from '../src/minio/minioConfigJsonSchema';
import { cloudflareR2ConfigJsonSchema } from '../src/r2/cloudflareR2ConfigJsonSchema';

const schemas: Array<[string, Record<string, unknown>]> = [
  ['config.schema.json', awsS3ConfigJsonSchema()],
  ['minio-config.schema.json', minioConfigJsonSchema()],
  ['cloudflare-r2-config.schema.json', cloudflareR2ConfigJsonSchema()],
];
for (const [file, schema] of schemas)
  writeFileSync(join(__dirname, '../schema', file), `${JSON.stringify(schema, null, 2)}\n`);
