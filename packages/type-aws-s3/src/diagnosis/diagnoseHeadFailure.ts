import { ErrorCode } from '@mti/core';
import type { S3Client } from '@aws-sdk/client-s3';
import { describeS3Error } from '../errors/describeS3Error';
import { s3 } from '../sdk/awsSdk';

/** What a failed HeadObject meant: S3 answers a missing bucket and a missing object alike (a bare 404). */
export type HeadFailure = 'missing-object' | 'missing-bucket' | 'other';

/** Tells what `error` from a HeadObject on `bucket` meant, asking HeadBucket when it was a 404. */
export async function diagnoseHeadFailure(client: S3Client, bucket: string, error: unknown): Promise<HeadFailure> {
  if (describeS3Error(error, bucket).code !== ErrorCode.NOT_FOUND) return 'other';
  // S3 said so itself: no need to ask.
  if ((error as { name?: unknown }).name === 'NoSuchBucket') return 'missing-bucket';
  const bucketMissing = await client.send(new (s3().HeadBucketCommand)({ Bucket: bucket })).then(
    () => false,
    (bucketError: unknown) => describeS3Error(bucketError, bucket).code === ErrorCode.NOT_FOUND,
  );
  return bucketMissing ? 'missing-bucket' : 'missing-object';
}
