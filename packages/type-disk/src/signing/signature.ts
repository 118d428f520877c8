import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedMethod = 'GET' | 'PUT';

export interface SignedFields {
  method: SignedMethod;
  /** fullName of the element: a URL signed for one element does nothing on another. */
  element: string;
  /** The key as the caller wrote it (without the element's prefix). */
  key: string;
  contentType: string;
  /** Unix time in seconds after which the URL is refused. */
  expiresAt: number;
}

/**
 * HMAC-SHA256 over the method, element, key, content type and expiry, as a JSON array (so no
 * field can run into the next), base64url.
 */
export function sign(secret: string, fields: SignedFields): string {
  const material = JSON.stringify([
    'mti-disk-v1',
    fields.method,
    fields.element,
    fields.key,
    fields.contentType,
    fields.expiresAt,
  ]);
  return createHmac('sha256', secret).update(material).digest('base64url');
}

/** Whether `signature` is the one for `fields`, compared in constant time. */
export function signatureMatches(secret: string, fields: SignedFields, signature: string): boolean {
  const expected = Buffer.from(sign(secret, fields), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a signature of another length is wrong whatever it holds.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}
