import type { App } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp } from './buildApp';

/** Credentials and a bucket for a fake server (faultServers.ts): never sent to a real one. */
export const fakeAccount = {
  accessKeyId: 'AKIA',
  accessKeySecret: 'never-sent-0001',
  bucketName: 'mti-test',
  region: 'us-east-1',
};

/** storages.MyS3 on a fake server at `endPoint`, with config overrides; closing the app is the caller's. */
export function elementAt(endPoint: string, overrides: Record<string, unknown> = {}): { app: App; s3: AwsS3Type } {
  const app = buildApp([
    {
      folder: 'storages/MyS3',
      declaration: { title: 'S3', type: 'storages.AwsS3Type' },
      config: { ...fakeAccount, endPoint, ...overrides },
    },
  ]);
  return { app, s3: app.getElement<AwsS3Type>('storages.MyS3') };
}
