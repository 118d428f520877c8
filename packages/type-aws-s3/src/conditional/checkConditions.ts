import { conditionFailure, type WriteConditions } from '@mti/core';
import { PreconditionFailure } from './PreconditionFailure';

/**
 * Checks a write's conditions against the object stored now (`currentEtag`: a HeadObject; undefined
 * when nothing is stored), throwing PreconditionFailure when they do not hold. Done before a
 * multipart upload and before a copy: a multipart upload's condition is checked by S3 only when it
 * completes, after every part was sent, and some servers do not check it there at all (Ceph RGW
 * 16 ignores If-None-Match and If-Match on CompleteMultipartUpload and CopyObject: measured). The
 * check is not atomic with the write; on servers that check the completing request, that request
 * still has the last word.
 */
export async function checkConditions(
  conditions: WriteConditions,
  currentEtag: () => Promise<string | undefined>,
): Promise<void> {
  const failure = conditionFailure(conditions, await currentEtag());
  if (failure !== undefined) throw new PreconditionFailure(failure);
}
