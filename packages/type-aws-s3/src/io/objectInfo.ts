import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { ObjectInfo } from '@mti/core';
import { quoteEtag } from './quoteEtag';

/** `getObject`'s result from HeadObject's answer, with the defaults S3 leaves implicit. */
export function objectInfo(key: string, out: HeadObjectCommandOutput): ObjectInfo {
  return {
    key,
    size: out.ContentLength ?? 0,
    contentType: out.ContentType ?? 'application/octet-stream',
    etag: quoteEtag(out.ETag),
    lastModified: out.LastModified ?? new Date(0),
    metadata: out.Metadata ?? {},
    storageClass: out.StorageClass ?? 'STANDARD',
  };
}
