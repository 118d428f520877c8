import { ErrorCode, type ErrorDescription } from '@mti/core';

/**
 * A failure on this machine's side of a download (the file being written, its folder), not the
 * server's: reported on the `path` argument, with a code chosen by its errno rather than by the
 * S3 error table, where a full disk would read as UNKNOWN.
 */
export class LocalFileError extends Error {
  readonly errno: string | undefined;

  constructor(action: string, cause: unknown) {
    const errno = (cause as { code?: unknown } | null)?.code;
    super(`${action}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LocalFileError';
    this.errno = typeof errno === 'string' ? errno : undefined;
  }

  describe(): ErrorDescription {
    switch (this.errno) {
      case 'ENOENT':
      case 'ENOTDIR':
      case 'EISDIR':
      case 'ENAMETOOLONG':
        return { code: ErrorCode.INVALID_ARGUMENT, detail: this.message };
      case 'EACCES':
      case 'EPERM':
      case 'EROFS':
        return { code: ErrorCode.ACCESS_DENIED, detail: this.message };
      case 'ENOSPC':
      case 'EDQUOT':
      case 'EIO':
      case 'EMFILE':
      case 'ENFILE':
      case 'EBUSY':
      case 'EAGAIN':
        return { code: ErrorCode.UNAVAILABLE, detail: this.message };
      default:
        return { code: ErrorCode.UNKNOWN, detail: this.message };
    }
  }
}

/** `work`, its failures as LocalFileErrors saying what was being done. */
export async function onDisk<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof LocalFileError ? error : new LocalFileError(action, error);
  }
}
