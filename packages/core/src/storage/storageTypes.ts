import type { Readable } from 'node:stream';

/** What `uploadByFile` accepts: bytes, text (UTF-8), or a stream of unknown length. */
export type UploadData = Buffer | Uint8Array | string | Readable;

export interface UploadProgress {
  loaded: number;
  /** Undefined while the total is unknown (streams). */
  total?: number;
}

export interface UploadOptions {
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

export interface DeleteResult {
  key: string;
  deleted: true;
}
