import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import type { CodeConfinement } from './CodeConfinement';
import { transpile } from './transpile';

export interface EvaluatedModule {
  exports: unknown;
  /** Every app file this load read, with a hash of its content: what a reload must compare. */
  files: Map<string, string>;
}

interface ModuleRecord {
  exports: unknown;
}

/** Where a specifier leads: the runtime's own module, a built-in, a file read here, or a file Node loads. */
type Resolution =
  | { kind: 'shared'; load: () => unknown }
  | { kind: 'builtin' }
  | { kind: 'file'; path: string }
  | { kind: 'node'; path: string; bare: boolean };

type LocalRequire = ((specifier: string) => unknown) & { resolve(specifier: string): string };

const extensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.cjs', '.mjs', '.json'];

/**
 * Loads app Type code with a small CommonJS loader of its own, because three things must hold
 * at once, under node and under jest alike:
 *  - imports of `@mti/*` get the very module objects the runtime runs (`shared`), never a
 *    second copy, even when the app folder has no node_modules;
 *  - every load is fresh, so a reload sees edited code (Node's and jest's module caches would
 *    hand back the old class);
 *  - TypeScript loads without a build step.
 * Relative imports are transpiled and evaluated here; bare specifiers other than `@mti/*` (node
 * built-ins, packages) go to Node's own `require`, resolved from the importing file.
 *
 * With a `confinement`, every file this loader loads passes its check first: the entry, each
 * relative or absolute path (a path from `require.resolve` handed back too) and the entry file of
 * each package. The `require` it gives the code is the only way in, so all of them meet it.
 */
export class ModuleEvaluator {
  readonly #shared: ReadonlyMap<string, () => unknown>;
  readonly #confinement: CodeConfinement | undefined;

  /** `confinement` undefined loads from wherever Node would, as for app.json's Type packages. */
  constructor(shared: ReadonlyMap<string, () => unknown>, confinement: CodeConfinement | undefined) {
    this.#shared = shared;
    this.#confinement = confinement;
  }

  load(file: string): EvaluatedModule {
    const files = new Map<string, string>();
    const cache = new Map<string, ModuleRecord>();
    const entry = resolve(file);
    this.#confinement?.check(entry, undefined, entry, false);
    const exports = this.#evaluate(entry, cache, files);
    return { exports, files };
  }

  #evaluate(file: string, cache: Map<string, ModuleRecord>, files: Map<string, string>): unknown {
    const cached = cache.get(file);
    if (cached !== undefined) return cached.exports;
    const source = readFileSync(file, 'utf8');
    files.set(file, createHash('sha256').update(source).digest('hex'));
    const module: ModuleRecord = { exports: {} };
    cache.set(file, module);
    if (extname(file) === '.json') {
      module.exports = JSON.parse(source) as unknown;
      return module.exports;
    }
    const localRequire = this.#requireFor(file, cache, files);
    // `new Function` compiles in the caller's realm (jest's sandbox under jest, the main
    // context under node), so classes, Errors and Promises are the runtime's own.
    const body = `${transpile(source, file)}\n//# sourceURL=${file}`;
    const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', body) as (
      exports: unknown,
      require: LocalRequire,
      module: ModuleRecord,
      filename: string,
      dirname: string,
    ) => void;
    wrapper(module.exports, localRequire, module, file, dirname(file));
    return module.exports;
  }

  /** The `require` one file's code gets: it resolves, checks, then loads. */
  #requireFor(file: string, cache: Map<string, ModuleRecord>, files: Map<string, string>): LocalRequire {
    const nativeRequire = createRequire(file);
    const localRequire = (specifier: string): unknown => {
      const found = this.#resolve(specifier, file, nativeRequire);
      if (found.kind === 'shared') return found.load();
      if (found.kind === 'builtin') return nativeRequire(specifier) as unknown;
      this.#confinement?.check(found.path, file, specifier, found.kind === 'node' && found.bare);
      return found.kind === 'file' ? this.#evaluate(found.path, cache, files) : (nativeRequire(found.path) as unknown);
    };
    // Answers what `require` would load, unchecked: a path is not code until it is required,
    // and then it comes back through `localRequire` like any absolute specifier.
    localRequire.resolve = (specifier: string): string => {
      const found = this.#resolve(specifier, file, nativeRequire);
      return found.kind === 'shared' || found.kind === 'builtin' ? specifier : found.path;
    };
    return localRequire;
  }

  #resolve(specifier: string, file: string, nativeRequire: NodeJS.Require): Resolution {
    const shared = this.#shared.get(specifier);
    if (shared !== undefined) return { kind: 'shared', load: shared };
    if (isBuiltin(specifier)) return { kind: 'builtin' };
    const path = specifier.startsWith('.') || isAbsolute(specifier);
    if (path) {
      const target = resolveFile(resolve(dirname(file), specifier));
      if (target !== undefined) return { kind: 'file', path: target };
    }
    // Throws Node's own "Cannot find module" when nothing is there.
    return { kind: 'node', path: nativeRequire.resolve(specifier), bare: !path };
  }
}

function resolveFile(base: string): string | undefined {
  if (isFile(base)) return base;
  for (const extension of extensions) if (isFile(base + extension)) return base + extension;
  for (const extension of extensions)
    if (isFile(resolve(base, `index${extension}`))) return resolve(base, `index${extension}`);
  return undefined;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
