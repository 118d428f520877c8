import { REDACTED } from '../config/redactedView';
import { secretForms } from './secretForms';

/**
 * Fields of an S3 (SigV4) signature error that are dropped whole, whatever they hold. They are
 * copies of the request as the server saw it — the canonical request has every signed header,
 * `x-amz-security-token` included, and the `…Bytes` fields are the same text in hex — and they
 * are there only to debug signing. Scrubbing them by value is not enough: with the AWS default
 * credential chain the runtime never sees the session token, so it cannot look for it.
 */
const REQUEST_MATERIAL = ['CanonicalRequest', 'CanonicalRequestBytes', 'StringToSign', 'StringToSignBytes'];
const REQUEST_MATERIAL_FIELDS = new Set(REQUEST_MATERIAL);
/** The same fields inside a raw XML body the SDK kept as text (`$responseBodyText`). */
const REQUEST_MATERIAL_XML = new RegExp(`<(${REQUEST_MATERIAL.join('|')})>[^<]*</\\1>`, 'g');

/**
 * Removes secret values from an error (and its cause chain) in place, in every form they can
 * take (see secretForms), and drops the request material of signature errors.
 *
 * Driver errors can echo request material back: an S3 SignatureDoesNotMatch carries the
 * canonical request, which holds the session token. Since such errors travel on as `cause`,
 * every string they carry is scrubbed before the runtime hands them out.
 */
export function scrubSecrets<T>(error: T, secrets: readonly string[]): T {
  const needles = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  scrub(error, needles, new Set(), 0);
  return error;
}

function scrubString(value: string, needles: readonly string[]): string {
  let out = value.replace(REQUEST_MATERIAL_XML, `<$1>${REDACTED}</$1>`);
  for (const needle of needles) out = out.split(needle).join(REDACTED);
  return out;
}

function scrub(value: unknown, needles: readonly string[], seen: Set<object>, depth: number): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 6) return;
  seen.add(value);
  const target = value as Record<string, unknown>;
  const keys = [...Object.getOwnPropertyNames(value), ...(value instanceof Error ? ['cause'] : [])];
  for (const key of new Set(keys)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    if (!('value' in descriptor)) {
      // V8 makes `stack` an accessor that formats on first read: read it, scrub, write it back.
      if (key === 'stack' && descriptor.set !== undefined) {
        const stack = target.stack;
        if (typeof stack === 'string') replace(target, key, descriptor, stack, scrubString(stack, needles));
      }
      continue;
    }
    const current: unknown = descriptor.value;
    if (REQUEST_MATERIAL_FIELDS.has(key) && current !== undefined) {
      replace(target, key, descriptor, current, REDACTED);
    } else if (typeof current === 'string') {
      replace(target, key, descriptor, current, scrubString(current, needles));
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      scrub(current, needles, seen, depth + 1);
    }
  }
}

/** Sets a property whose value changed: through its setter, or redefined when read-only. */
function replace(
  target: Record<string, unknown>,
  key: string,
  descriptor: PropertyDescriptor,
  current: unknown,
  cleaned: unknown,
): void {
  if (cleaned === current) return;
  if (descriptor.set !== undefined || descriptor.writable === true) target[key] = cleaned;
  else if (descriptor.configurable === true) Object.defineProperty(target, key, { ...descriptor, value: cleaned });
}
