import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { codeOutsideApp } from '@mti/core';
import { isInsideFolder } from './isInsideFolder';

/**
 * Keeps the files Type code loads inside the app folder: a file reached by a relative or
 * absolute path, through a symlink (file or folder) or as a package from a node_modules must
 * really be there, so the folder that is deployed, watched and reloaded is all the code that
 * runs. Node built-ins and the runtime's shared `@mti/*` modules are not files and never come
 * here.
 *
 * This confines what the loader loads, not what the code does once it runs: Type code runs with
 * Node's full permissions and can read any file, or load any module through
 * `module.createRequire` or `process.binding`. Nor does it follow a package's own `require`s: a
 * package is loaded by Node's loader, which resolves its dependencies as Node always does. It is
 * a guard against an app that silently depends on files around it, not a sandbox.
 */
export class CodeConfinement {
  readonly #appDir: string;
  readonly #sharedNames: readonly string[];

  constructor(appDir: string, sharedNames: Iterable<string>) {
    this.#appDir = realpathSync(appDir);
    this.#sharedNames = [...sharedNames];
  }

  /**
   * Throws unless `target` (an existing file) really lies in the app folder. `importer` is the
   * file whose `require` asked for it, undefined for an entry; `bare` when `specifier` named a
   * package rather than a path.
   */
  check(target: string, importer: string | undefined, specifier: string, bare: boolean): void {
    const real = realpathSync(target);
    if (isInsideFolder(this.#appDir, real)) return;
    const file = importer === undefined ? undefined : this.describe(importer);
    const what = `${importer === undefined ? 'entry' : bare ? 'package' : 'import'} ${JSON.stringify(specifier)}`;
    const fix = bare
      ? 'install it inside the app folder (in its node_modules) or import one of'
      : 'Type code may load only files inside the app folder, Node built-ins and';
    throw codeOutsideApp({ file }, what, real, `${fix} the runtime's shared modules (${this.#sharedNames.join(', ')})`);
  }

  /** A file relative to the app folder, by its own path when that is inside, else by its real one. */
  describe(file: string): string {
    const path = isInsideFolder(this.#appDir, file) ? file : realpathSync(file);
    return relative(this.#appDir, path).split('\\').join('/');
  }
}
