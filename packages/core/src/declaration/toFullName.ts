import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { segmentPattern } from './fullNamePattern';

/**
 * Turns an element folder, relative to the app root, into its fullName:
 * `storages/MyS3` → `storages.MyS3`. Both `/` and `\` separate folders.
 */
export function toFullName(folder: string): string {
  const segments = folder.split(/[\\/]+/).filter((segment) => segment !== '');
  if (segments.length === 0) {
    throw new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      file: folder,
      message: `element folder "${folder}" is the app root; elements live in folders below it`,
    });
  }
  for (const segment of segments) {
    if (!segmentPattern.test(segment)) {
      throw new ElementError({
        code: ErrorCode.INVALID_CONFIG,
        file: folder,
        message:
          `element folder "${folder}": "${segment}" is not a valid name part ` +
          `(use letters, digits and _, starting with a letter)`,
      });
    }
  }
  return segments.join('.');
}
