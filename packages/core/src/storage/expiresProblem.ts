/** Signed URLs live at most 7 days, as S3's (SigV4) presigned URLs do. */
export const MAX_EXPIRES_SECONDS = 604_800;

/** Why `expires` (seconds) cannot be a signed URL's lifetime, or undefined. */
export function expiresProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_EXPIRES_SECONDS) {
    return `must be a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS} (7 days), got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
  }
  return undefined;
}
