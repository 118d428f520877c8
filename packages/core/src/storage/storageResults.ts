import type { ErrorCode } from '../errors/ErrorCode';

// What the optional functions beyond the seed's five answer (list, copy, move, deleteMany,
// getSignUploadUrl): here rather than in one Type, so every Type and the contract kit agree on them.

export interface ListOptions {
  /** At most this many items and prefixes together (1-1000, default 1000). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Group keys by this separator (usually "/"): groups come back in `prefixes`. */
  delimiter?: string;
}

export interface ListItem {
  key: string;
  size: number;
  etag: string;
  lastModified: Date | undefined;
  storageClass: string;
}

export interface ListResult {
  items: ListItem[];
  /** With a delimiter: the "folders" one level down. */
  prefixes: string[];
  /** Undefined on the last page. */
  nextCursor: string | undefined;
}

export interface CopyResult {
  from: string;
  to: string;
  etag: string;
}

export type DeleteManyItem =
  { key: string; deleted: true } | { key: string; deleted: false; error: { code: ErrorCode; message: string } };

export interface SignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the uploader must send as they are: they are part of the signature. */
  headers: Record<string, string>;
}
