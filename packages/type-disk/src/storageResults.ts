import type { ErrorCode } from '@mti/core';

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
  /** Headers the uploader must send as they are: the Content-Type is part of the signature. */
  headers: Record<string, string>;
}

/** What `mti serve` hands `verifySignedRequest` for a request on `/api/signed/<element>/<key>`. */
export interface SignedRequest {
  method: string;
  /** The key from the URL path, decoded. */
  key: string;
  /** The query string's parameters, decoded. */
  query: Record<string, unknown>;
  /** The request's Content-Type header (a PUT must send the signed one). */
  contentType?: string | undefined;
}

/** A request whose signature checked out: what to serve or store, and as which type. */
export interface VerifiedRequest {
  key: string;
  contentType: string;
}
