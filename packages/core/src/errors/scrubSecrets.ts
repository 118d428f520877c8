const REDACTED = 'REDACTED';

/**
 * Removes secret values from an error (and its cause chain) in place.
 *
 * Driver errors can echo request material back: an S3 SignatureDoesNotMatch carries the
 * canonical request, which holds the session token. Since such errors travel on as `cause`,
 * every string they carry is scrubbed before the runtime hands them out.
 */
export function scrubSecrets<T>(error: T, secrets: readonly string[]): T {
  const needles = secrets.filter((secret) => secret.length >= 4);
  if (needles.length === 0) return error;
  scrub(error, needles, new Set(), 0);
  return error;
}

function scrubString(value: string, needles: readonly string[]): string {
  let out = value;
  for (const needle of needles) out = out.split(needle).join(REDACTED);
  return out;
}

function scrub(value: unknown, needles: readonly string[], seen: Set<object>, depth: number): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 6) return;
  seen.add(value);
  const keys = [...Object.getOwnPropertyNames(value), ...(value instanceof Error ? ['cause'] : [])];
  for (const key of new Set(keys)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor)) continue;
    const current: unknown = descriptor.value;
    if (typeof current === 'string') {
      const cleaned = scrubString(current, needles);
      if (cleaned !== current && descriptor.writable) {
        (value as Record<string, unknown>)[key] = cleaned;
      }
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      scrub(current, needles, seen, depth + 1);
    }
  }
}
