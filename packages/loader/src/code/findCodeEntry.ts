import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

const indexFiles = ['index.ts', 'index.js'];

export type CodeEntry = { kind: 'none' } | { kind: 'file'; file: string } | { kind: 'outside'; resolved: string };

/**
 * Where an element's code is: `backendBundleEntry` taken from the element folder, a file or a
 * folder holding `index.ts`/`index.js`. Symlinks are followed before the check, so a link cannot
 * smuggle code from outside the app in.
 */
export function findCodeEntry(appDir: string, folderAbs: string, backendBundleEntry: string): CodeEntry {
  const root = realpathSync(appDir);
  const target = resolve(folderAbs, backendBundleEntry);
  const real = existsSync(target) ? realpathSync(target) : target;
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) return { kind: 'outside', resolved: real };
  if (!existsSync(real)) return { kind: 'none' };
  if (statSync(real).isFile()) return { kind: 'file', file: real };
  for (const name of indexFiles) {
    const candidate = resolve(real, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return { kind: 'file', file: candidate };
  }
  return { kind: 'none' };
}
