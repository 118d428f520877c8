import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInsideFolder } from './isInsideFolder';

const indexFiles = ['index.ts', 'index.js'];

export type CodeEntry = { kind: 'none' } | { kind: 'file'; file: string } | { kind: 'outside' };

/**
 * Where an element's code is: `backendBundleEntry` taken from the element folder, a file or a
 * folder holding `index.ts`/`index.js`. Symlinks are followed before the check, so a link cannot
 * smuggle code from outside the app in.
 */
export function findCodeEntry(appDir: string, folderAbs: string, backendBundleEntry: string): CodeEntry {
  const root = realpathSync(appDir);
  const target = resolve(folderAbs, backendBundleEntry);
  const real = existsSync(target) ? realpathSync(target) : target;
  if (!isInsideFolder(root, real)) return { kind: 'outside' };
  if (!existsSync(real)) return { kind: 'none' };
  const file = statSync(real).isFile() ? real : indexFiles.map((name) => resolve(real, name)).find(isFile);
  if (file === undefined) return { kind: 'none' };
  // The folder may be inside while its index file is a link to elsewhere.
  const realFile = realpathSync(file);
  return isInsideFolder(root, realFile) ? { kind: 'file', file: realFile } : { kind: 'outside' };
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
