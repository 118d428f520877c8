import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { UploadOptions } from '@mti/core';
import type { AwsS3Config } from '../config/awsS3ConfigSchema';
import { storageParams } from './storageParams';

export type PutParams = PutObjectCommandInput & { StorageClass?: string };

/** PutObject's parameters, without a body, for options already checked (`uploadOptionsProblem`). */
export function putParams(config: AwsS3Config, s3Key: string, contentType: string, options: UploadOptions): PutParams {
  const { storageClass, metadata, cacheControl, contentDisposition } = options;
  const storage = storageParams(config, storageClass);
  return {
    Bucket: config.bucketName,
    Key: s3Key,
    ContentType: contentType,
    ...storage,
    ...(storage.StorageClass === undefined ? {} : { StorageClass: storage.StorageClass }),
    ...(metadata === undefined ? {} : { Metadata: metadata }),
    ...(cacheControl === undefined ? {} : { CacheControl: cacheControl }),
    ...(contentDisposition === undefined ? {} : { ContentDisposition: contentDisposition }),
  };
}
