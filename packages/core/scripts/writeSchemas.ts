// Regenerates the JSON Schema files shipped for editors; `declaration.test.ts` fails when they drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eJsonSchema } from '../src/declaration/eJsonSchema';

writeFileSync(join(__dirname, '../schema/e.schema.json'), `${JSON.stringify(eJsonSchema(), null, 2)}\n`);
