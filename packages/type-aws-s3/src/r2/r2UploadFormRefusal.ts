import { ErrorCode, StorageError } from '@mti/core';

/**
 * Cloudflare R2 implements no POST object upload (PostObject: not in its S3 API compatibility
 * tables, and reported by uppy, next-upload and outline, whose form uploads R2 refused), so no
 * size-limited form can be signed for it. INVALID_CONFIG, as for a disk element without
 * signingSecret: the element's setup, not the arguments, rules the operation out.
 */
export function r2UploadFormRefusal(element: string, storageType: string, key: string): StorageError {
  return new StorageError({
    code: ErrorCode.INVALID_CONFIG,
    element,
    storageType,
    operation: 'getSignUploadForm',
    key,
    detail:
      'Cloudflare R2 takes no POST (form) uploads, so no upload form can be signed for it: use getSignUploadUrl (a presigned PUT, which cannot limit the size), or storages.AwsS3Type or storages.DiskType for size-limited browser uploads',
  });
}
