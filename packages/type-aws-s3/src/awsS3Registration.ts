import type { ElementRegistration } from '@mti/core';
import { AwsS3Type } from './AwsS3Type';

export const awsS3Registration: ElementRegistration = {
  fullName: 'storages.AwsS3Type',
  title: 'AWS S3 Storage',
  type: 'storages.Meta',
  implementation: AwsS3Type,
  source: '@mti/type-aws-s3',
};

/** What this package contributes to an app (the loader gives it to every app). */
export const registrations: readonly ElementRegistration[] = [awsS3Registration];
