import { isAbsolute, relative, sep } from 'node:path';

/** Whether real path `path` is `folder` or below it (both already resolved by realpath). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  // `..name` is a legal name inside the folder; only a `..` segment climbs out.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
