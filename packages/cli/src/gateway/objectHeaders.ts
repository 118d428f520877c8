import type { ObjectInfo } from '@mti/core';
import contentDisposition from 'content-disposition';

export type Disposition = 'inline' | 'attachment';

// Types a browser would render as a document and run script in: HTML and XHTML, SVG and other
// XML (which can carry XHTML), XSLT, and script itself. An object stored as one of these by
// anyone who can upload would otherwise run on the gateway's origin when opened (stored XSS).
const active = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/xsl',
  'application/xslt+xml',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'text/ecmascript',
  'application/ecmascript',
  'multipart/x-mixed-replace',
]);

/** Whether a Content-Type is one a browser runs (parameters and case ignored; `*+xml` too). */
export function isActiveContentType(contentType: string): boolean {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return active.has(essence) || essence.endsWith('+xml') || essence === '';
}

/**
 * The headers of an object response. Objects are data, never pages of the gateway: `nosniff`
 * (set on every response) keeps browsers from guessing a type, the sandboxing CSP keeps even an
 * HTML object opened inline from running script or reaching the gateway's origin, and types a
 * browser would run are sent as downloads unless the request asks for `inline`.
 * `Accept-Ranges` says whether a GET may ask for part of it: `bytes` when the element reads
 * ranges (`ranges`), else `none`.
 */
export function setObjectHeaders(
  reply: { header(name: string, value: string | number): unknown },
  key: string,
  info: ObjectInfo,
  disposition: Disposition | undefined,
  ranges: boolean,
): void {
  reply.header('content-type', info.contentType);
  reply.header('content-length', info.size);
  reply.header('accept-ranges', ranges ? 'bytes' : 'none');
  if (info.etag !== '') reply.header('etag', info.etag);
  reply.header('last-modified', info.lastModified.toUTCString());
  reply.header('x-mti-storage-class', info.storageClass);
  for (const [name, value] of Object.entries(info.metadata)) reply.header(`x-mti-meta-${name}`, value);
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  const chosen = disposition ?? (isActiveContentType(info.contentType) ? 'attachment' : undefined);
  if (chosen !== undefined) {
    const filename = key.split('/').pop() || 'download';
    reply.header('content-disposition', contentDisposition(filename, { type: chosen }));
  }
}
