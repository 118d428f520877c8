import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { AwsS3Config } from '../config/awsS3ConfigSchema';

export type StorageParams = Pick<PutObjectCommandInput, 'StorageClass' | 'ServerSideEncryption' | 'SSEKMSKeyId'>;

/** Storage class and encryption of a write (put, copy), from the call's class or the config's. */
export function storageParams(
  config: Pick<AwsS3Config, 'storageClass' | 'serverSideEncryption' | 'kmsKeyId'>,
  storageClass?: string,
): StorageParams {
  const chosen = storageClass ?? config.storageClass;
  return {
    // STANDARD is every server's default; leaving the header out keeps S3-compatible servers
    // that know no storage classes happy.
    ...(chosen === 'STANDARD' ? {} : { StorageClass: chosen as PutObjectCommandInput['StorageClass'] }),
    ...(config.serverSideEncryption === undefined ? {} : { ServerSideEncryption: config.serverSideEncryption }),
    ...(config.kmsKeyId === undefined ? {} : { SSEKMSKeyId: config.kmsKeyId }),
  };
}
