import type { ErrorCode } from '@mti/core';

const statuses: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_ARGUMENT: 400,
  ACCESS_DENIED: 403,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  CONFLICT: 409,
  INVALID_CONFIG: 500,
  UNKNOWN: 500,
};

/** The HTTP status a coded error travels as. */
export function statusOf(code: ErrorCode): number {
  return statuses[code] ?? 500;
}
