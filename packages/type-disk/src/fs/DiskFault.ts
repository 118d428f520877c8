import type { ErrorCode } from '@mti/core';

/**
 * A refusal or failure DiskType recognised itself (a symbolic link on the way, a file where a
 * folder must be): its code and a one-line reason without paths; the file system's own error,
 * when there was one, is its cause.
 */
export class DiskFault extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DiskFault';
    this.code = code;
  }
}

/** The errno code of a Node file-system error, or undefined. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
