/** An ETag without its quotes or weak marker: the form two ETags are compared in. */
export function bareEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * The ETag as an If-Match header carries it. Quoted on AWS, as RFC 9110 writes entity tags.
 * Bare everywhere else: Ceph RGW compares If-Match with the ETag without its quotes and answers
 * 412 to the quoted form even when it is equal (checked on RGW 16, docs/ and the s3-servers
 * notes); MinIO takes either; s3rver checks no precondition at all, which is why every part's
 * own ETag is compared as well (fetchPart).
 */
export function ifMatchEtag(etag: string, aws: boolean): string {
  const bare = bareEtag(etag);
  return aws ? `"${bare}"` : bare;
}
