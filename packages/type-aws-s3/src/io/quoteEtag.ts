/** ETags as S3 sends them, quoted; some servers (Ceph RGW on CopyObject) leave the quotes off. */
export function quoteEtag(etag: string | undefined): string {
  if (etag === undefined || etag === '') return '';
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}
