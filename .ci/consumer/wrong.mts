// Must NOT type-check: proves the declarations are really read (an `any` would accept this).
import { loadApp } from '@mti/loader';
import type { AwsS3Type } from '@mti/type-aws-s3';

const app = await loadApp('app');
const s3 = app.getElement<AwsS3Type>('storages.MyS3');
await s3.uploadByFile(42);
