import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `path` is `folder` or lies below it. Both must already be real paths: a symlink is
 * judged by where it leads, so the caller resolves it first.
 */
export function isInsideFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  // `..name` is a legal file name inside the folder; only a `..` segment climbs out.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
