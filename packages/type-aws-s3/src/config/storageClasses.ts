import { StorageClass } from '@aws-sdk/client-s3';

/** The storage classes S3 knows, taken from the SDK so new ones arrive with an SDK update. */
export const storageClasses = Object.values(StorageClass) as [string, ...string[]];
