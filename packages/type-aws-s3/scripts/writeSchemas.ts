// Regenerates the JSON Schema shipped for editors; `config.test.ts` fails when it drifts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsS3ConfigJsonSchema } from '../src/config/awsS3ConfigJsonSchema';

writeFileSync(join(__dirname, '../schema/config.schema.json'), `${JSON.stringify(awsS3ConfigJsonSchema(), null, 2)}\n`);
