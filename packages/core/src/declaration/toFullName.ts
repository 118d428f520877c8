import { invalidElementFolder } from '../errors/invalidConfig';
import { segmentPattern } from './fullNamePattern';

/**
 * Turns an element folder, relative to the app root, into its fullName:
 * `storages/MyS3` → `storages.MyS3`. Both `/` and `\` separate folders.
 */
export function toFullName(folder: string): string {
  const segments = folder.split(/[\\/]+/).filter((segment) => segment !== '');
  if (segments.length === 0) throw invalidElementFolder(folder);
  const bad = segments.find((segment) => !segmentPattern.test(segment));
  if (bad !== undefined) throw invalidElementFolder(folder, bad);
  return segments.join('.');
}
