import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';

const md5Etag = /^"([0-9a-fA-F]{32})"$|^([0-9a-fA-F]{32})$/;
const composite = /-\d+$/;
const storedChecksums = [
  'ChecksumCRC32',
  'ChecksumCRC32C',
  'ChecksumCRC64NVME',
  'ChecksumSHA1',
  'ChecksumSHA256',
] as const satisfies ReadonlyArray<keyof GetObjectCommandOutput>;

/**
 * The MD5 (lower-case hex) a GetObject body must have, or undefined when the response promises
 * none that is ours to check:
 * - a stored full-object checksum (x-amz-checksum-*, asked for with ChecksumMode ENABLED) is
 *   checked by the SDK as the body passes; hashing it a second time buys nothing;
 * - an ETag ending in "-N" is a multipart upload's: the MD5 of its parts' MD5s, which cannot be
 *   worked out from the body without knowing where each part ended;
 * - with SSE-KMS, DSSE-KMS or SSE-C, S3 documents the ETag as not an MD5 of the data;
 * - a weak ETag (W/"…") or none promises nothing.
 * Otherwise a single-part object's ETag is the MD5 of its bytes, on AWS, Ceph RGW, MinIO and
 * s3rver alike (upper-case on Alibaba OSS, hence the lower-casing).
 */
export function bodyMd5(out: GetObjectCommandOutput): string | undefined {
  for (const field of storedChecksums) {
    const value = out[field];
    if (value !== undefined && !composite.test(value)) return undefined;
  }
  if (out.ServerSideEncryption?.startsWith('aws:kms') === true || out.SSECustomerAlgorithm !== undefined) {
    return undefined;
  }
  const found = md5Etag.exec(out.ETag ?? '');
  return (found?.[1] ?? found?.[2])?.toLowerCase();
}
