import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { ElementError, ErrorCode, sha256Hex } from '@mti/core';
import type { CodeConfinement } from './CodeConfinement';
import { guardedProcess } from './guardedProcess';
import { transpile } from './transpile';

export interface EvaluatedModule {
  exports: unknown;
  /** Every app file this load read, with a hash of its content: what a reload must compare. */
  files: Map<string, string>;
}

export interface LoadOptions {
  /**
   * The files this load may evaluate, with their content's hash: what the check of this entry in
   * a worker thread read. A file not there, or changed since, is not evaluated; the load fails.
   */
  expected?: ReadonlyMap<string, string>;
  /** Told of each file as it is read, before it runs: what a load that never ends did read. */
  onRead?: (file: string, hash: string) => void;
}

interface ModuleRecord {
  exports: unknown;
}

/** One load: its modules, the files it read, and what it was given. */
interface LoadState extends LoadOptions {
  cache: Map<string, ModuleRecord>;
  files: Map<string, string>;
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
 *
 * Each file's code gets a `process` of its own (guardedProcess), as its free `process` and as
 * `require('process')`: the real one, except that the calls that would end the process throw.
 */
export class ModuleEvaluator {
  readonly #shared: ReadonlyMap<string, () => unknown>;
  readonly #confinement: CodeConfinement | undefined;
  readonly #processes = new Map<string, NodeJS.Process>();

  /** `confinement` undefined loads from wherever Node would, as for app.json's Type packages. */
  constructor(shared: ReadonlyMap<string, () => unknown>, confinement: CodeConfinement | undefined) {
    this.#shared = shared;
    this.#confinement = confinement;
  }

  load(file: string, options: LoadOptions = {}): EvaluatedModule {
    const state: LoadState = { ...options, cache: new Map(), files: new Map() };
    const entry = resolve(file);
    this.#confinement?.check(entry, undefined, entry, false);
    const exports = this.#evaluate(entry, state);
    return { exports, files: state.files };
  }

  #evaluate(file: string, state: LoadState): unknown {
    const cached = state.cache.get(file);
    if (cached !== undefined) return cached.exports;
    const source = readFileSync(file, 'utf8');
    const hash = sha256Hex(source);
    state.files.set(file, hash);
    state.onRead?.(file, hash);
    if (state.expected !== undefined && state.expected.get(file) !== hash) throw this.#changedSinceCheck(file);
    const module: ModuleRecord = { exports: {} };
    state.cache.set(file, module);
    if (extname(file) === '.json') {
      module.exports = JSON.parse(source) as unknown;
      return module.exports;
    }
    const localRequire = this.#requireFor(file, state);
    // `new Function` compiles in the caller's realm (jest's sandbox under jest, the main
    // context under node), so classes, Errors and Promises are the runtime's own. The
    // sourceURL names the file in stack traces: that is how an error escaping from this code
    // later (a timer, a promise) is traced back to its element.
    const body = `${transpile(source, file)}\n//# sourceURL=${file}`;
    const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', 'process', body) as (
      exports: unknown,
      require: LocalRequire,
      module: ModuleRecord,
      filename: string,
      dirname: string,
      process: NodeJS.Process,
    ) => void;
    wrapper(module.exports, localRequire, module, file, dirname(file), this.#processFor(file));
    return module.exports;
  }

  /** The `require` one file's code gets: it resolves, checks, then loads. */
  #requireFor(file: string, state: LoadState): LocalRequire {
    const nativeRequire = createRequire(file);
    const localRequire = (specifier: string): unknown => {
      const found = this.#resolve(specifier, file, nativeRequire);
      if (found.kind === 'shared') return found.load();
      if (found.kind === 'builtin') {
        // The module form of the free `process`: the same guarded one.
        if (specifier === 'process' || specifier === 'node:process') return this.#processFor(file);
        return nativeRequire(specifier) as unknown;
      }
      this.#confinement?.check(found.path, file, specifier, found.kind === 'node' && found.bare);
      return found.kind === 'file' ? this.#evaluate(found.path, state) : (nativeRequire(found.path) as unknown);
    };
    // Answers what `require` would load, unchecked: a path is not code until it is required,
    // and then it comes back through `localRequire` like any absolute specifier.
    localRequire.resolve = (specifier: string): string => {
      const found = this.#resolve(specifier, file, nativeRequire);
      return found.kind === 'shared' || found.kind === 'builtin' ? specifier : found.path;
    };
    return localRequire;
  }

  /** One per file, made when its code first asks, so a refusal names the file that called. */
  #processFor(file: string): NodeJS.Process {
    let guarded = this.#processes.get(file);
    if (guarded === undefined) {
      guarded = guardedProcess(this.#confinement?.describe(file) ?? file);
      this.#processes.set(file, guarded);
    }
    return guarded;
  }

  #changedSinceCheck(file: string): ElementError {
    const label = this.#confinement?.describe(file) ?? file;
    return new ElementError({
      code: ErrorCode.CONFLICT,
      file: label,
      message: `${label} changed while its Type code was being checked; it loads with the next change seen`,
    });
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
