/**
 * The object is no longer the version the download pinned: a part came with another ETag or
 * total size, or the server refused If-Match with 412. Reported as CONFLICT naming the key, and
 * nothing fetched so far is kept: it belongs to a version that is gone.
 */
export class ObjectChanged extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ObjectChanged';
  }
}
