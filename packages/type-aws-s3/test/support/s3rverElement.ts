import type { App } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './buildApp';
import { s3rverAccount } from './s3rverAccount';
import type { RunningS3rver } from './startS3rver';

/**
 * The seed's storages.MyS3 on `bucketName` of an s3rver a test started itself, for tests that
 * need s3rver's files at hand rather than any tier. The test stops the server; closing the app
 * is the caller's.
 */
export function s3rverElement(server: RunningS3rver, bucketName: string): { app: App; s3: AwsS3Type } {
  const app = buildApp([s3Record({ ...s3rverAccount, endpoint: server.endpoint, bucketName, stop: async () => {} })]);
  return { app, s3: app.getElement<AwsS3Type>('storages.MyS3') };
}
