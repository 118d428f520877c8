import type { ElementRegistration } from '@mti/core';
import { AwsS3Type } from './AwsS3Type';
import { MinioType } from './minio/MinioType';
import { CloudflareR2Type } from './r2/CloudflareR2Type';

export const awsS3Registration: ElementRegistration = {
  fullName: 'storages.AwsS3Type',
  title: 'AWS S3 Storage',
  type: 'storages.Meta',
  implementation: AwsS3Type,
  source: '@mti/type-aws-s3',
};

/** A Type on a Type: its Instances get the S3 Type's chain, with MinIO's conventions. */
export const minioRegistration: ElementRegistration = {
  fullName: 'storages.MinioType',
  title: 'MinIO Storage',
  type: 'storages.AwsS3Type',
  implementation: MinioType,
  source: '@mti/type-aws-s3',
};

/** A Type on a Type: its Instances get the S3 Type's chain, with R2's conventions. */
export const cloudflareR2Registration: ElementRegistration = {
  fullName: 'storages.CloudflareR2Type',
  title: 'Cloudflare R2 Storage',
  type: 'storages.AwsS3Type',
  implementation: CloudflareR2Type,
  source: '@mti/type-aws-s3',
};

/** What this package contributes to an app (the loader gives it to every app). */
export const registrations: readonly ElementRegistration[] = [
  awsS3Registration,
  minioRegistration,
  cloudflareR2Registration,
];
