import type { Readable } from 'node:stream';

/** What `uploadByFile` accepts: bytes, text (UTF-8), or a stream of unknown length. */
export type UploadData = Buffer | Uint8Array | string | Readable;

export interface UploadProgress {
  loaded: number;
  /** Undefined while the total is unknown (streams). */
  total?: number;
}

/**
 * Conditions on a write (`uploadByFile`, `copy`), checked by the store when the write lands; a
 * write whose condition does not hold is CONFLICT and changes nothing.
 */
export interface WriteConditions {
  /** `'*'`: create only — refused when the key holds an object. */
  ifNoneMatch?: '*';
  /** An ETag (as a Type gave it, quoted or bare): replace only that version — refused otherwise, and when nothing is stored. */
  ifMatch?: string;
}

/** `copy`'s options: the target's conditions. */
export type CopyOptions = WriteConditions;

export interface UploadOptions extends WriteConditions {
  storageClass?: string;
  metadata?: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
  onProgress?: (progress: UploadProgress) => void;
}

export interface UploadResult {
  url: string;
  key: string;
  bucket: string;
  etag: string;
  size: number;
  contentType: string;
  storageClass: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  contentType: string;
  etag: string;
  lastModified: Date;
  metadata: Record<string, string>;
  storageClass: string;
}

/**
 * Bytes `start` to `end` of an object, both counted from 0 and `end` included, as in HTTP's
 * `Range: bytes=start-end` and `fs.createReadStream`. Without `end`, to the object's last byte;
 * an `end` past it reads to the last byte too. `start` must be inside the object.
 */
export interface ByteRange {
  start: number;
  end?: number;
}

/** `download`'s options, for the Types that read ranges (see `offersRanges`). */
export interface DownloadOptions {
  range?: ByteRange;
}

export interface DeleteResult {
  key: string;
  deleted: true;
}
