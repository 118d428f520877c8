import { ErrorCode, type ErrorDescription } from '@mti/core';

/** How a missing bucket is reported, whether S3 said NoSuchBucket or HeadBucket found none. */
export function missingBucket(bucket: string): ErrorDescription {
  return { code: ErrorCode.NOT_FOUND, detail: `no such bucket "${bucket}"` };
}
