import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed upload form allows: one key of one element, one Content-Type, a size range, until a time. */
export interface FormPolicy {
  /** fullName of the element: a form signed for one element stores nothing through another. */
  element: string;
  /** The key as the caller wrote it (without the element's prefix). */
  key: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
  /** Unix time in seconds after which the form is refused. */
  expiresAt: number;
}

/**
 * HMAC-SHA256 over the policy as a JSON array (so no field can run into the next), base64url:
 * the signed URLs' scheme (signing/signature.ts) under its own label, so a URL's signature is
 * never a form's.
 */
export function signFormPolicy(secret: string, policy: FormPolicy): string {
  const material = JSON.stringify([
    'mti-disk-form-v1',
    'POST',
    policy.element,
    policy.key,
    policy.contentType,
    policy.minBytes,
    policy.maxBytes,
    policy.expiresAt,
  ]);
  return createHmac('sha256', secret).update(material).digest('base64url');
}

/** Whether `signature` is the one for `policy`, compared in constant time. */
export function formSignatureMatches(secret: string, policy: FormPolicy, signature: string): boolean {
  const expected = Buffer.from(signFormPolicy(secret, policy), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a signature of another length is wrong whatever it holds.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}
