import { createHash } from 'node:crypto';

const MD5_HEX = /^[0-9a-f]{32}$/i;

/**
 * The ETag a server gives an object completed from these parts (in part order): the MD5 of the
 * parts' MD5s, then `-` and their number, as S3, Ceph RGW and MinIO make it. For servers whose
 * CompleteMultipartUpload answer carries an empty ETag (Ceph RGW 16 does), so that the upload's
 * result still names the version it wrote, which a later `ifMatch` needs. Computed, not asked
 * for with a HeadObject, which could see a write that landed after ours. Undefined when a part's
 * ETag is not an MD5 (SSE-KMS, SSE-C).
 */
export function multipartEtag(partEtags: ReadonlyArray<string | undefined>): string | undefined {
  const digests: Buffer[] = [];
  for (const etag of partEtags) {
    const bare = etag?.replace(/^"(.*)"$/, '$1');
    if (bare === undefined || !MD5_HEX.test(bare)) return undefined;
    digests.push(Buffer.from(bare, 'hex'));
  }
  return `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${partEtags.length}"`;
}
