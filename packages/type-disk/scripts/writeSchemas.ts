// Regenerates the JSON Schema shipped for editors; `config.test.ts` fails when it drifts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskConfigJsonSchema } from '../src/config/diskConfigJsonSchema';

writeFileSync(join(__dirname, '../schema/config.schema.json'), `${JSON.stringify(diskConfigJsonSchema(), null, 2)}\n`);
