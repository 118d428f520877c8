import type { S3Client } from '@aws-sdk/client-s3';
import type { SignedUploadForm } from '@mti/core';
import type { StorageParams } from '../put/storageParams';
import { poster } from '../sdk/awsSdk';
import { formFields } from './formFields';

export interface UploadFormRequest {
  bucket: string;
  /** The key with the element's prefix. */
  s3Key: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
  /** Seconds. */
  expires: number;
  storage: StorageParams;
}

/**
 * A presigned POST (`@aws-sdk/s3-presigned-post`) whose policy holds the bucket, the exact key,
 * the Content-Type (the field must equal it: `eq $Content-Type`), the size range
 * (`content-length-range`), the storage fields and the expiry. The server checks the policy
 * before it stores anything: a file outside the range is refused (400 EntityTooLarge or
 * EntityTooSmall), another Content-Type too (403), and nothing of it is kept.
 */
export async function signUploadForm(client: S3Client, request: UploadFormRequest): Promise<SignedUploadForm> {
  const { bucket, s3Key, contentType, minBytes, maxBytes, expires } = request;
  const { url, fields } = await poster().createPresignedPost(client, {
    Bucket: bucket,
    Key: s3Key,
    Conditions: [
      ['content-length-range', minBytes, maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    // Each of these becomes a condition too (the library adds `{ field: value }` for every one).
    Fields: formFields(contentType, request.storage),
    Expires: expires,
  });
  return { url, method: 'POST', fields };
}
