import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { transpile } from './transpile';

export interface EvaluatedModule {
  exports: unknown;
  /** Every app file this load read, with a hash of its content: what a reload must compare. */
  files: Map<string, string>;
}

interface ModuleRecord {
  exports: unknown;
}

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
 */
export class ModuleEvaluator {
  readonly #shared: ReadonlyMap<string, () => unknown>;

  constructor(shared: ReadonlyMap<string, () => unknown>) {
    this.#shared = shared;
  }

  load(file: string): EvaluatedModule {
    const files = new Map<string, string>();
    const cache = new Map<string, ModuleRecord>();
    const exports = this.#evaluate(resolve(file), cache, files);
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
    const nativeRequire = createRequire(file);
    const localRequire = (specifier: string): unknown => {
      const shared = this.#shared.get(specifier);
      if (shared !== undefined) return shared();
      if (specifier.startsWith('.') || isAbsolute(specifier)) {
        const target = resolveFile(resolve(dirname(file), specifier));
        if (target !== undefined) return this.#evaluate(target, cache, files);
      }
      return nativeRequire(specifier);
    };
    // `new Function` compiles in the caller's realm (jest's sandbox under jest, the main
    // context under node), so classes, Errors and Promises are the runtime's own.
    const body = `${transpile(source, file)}\n//# sourceURL=${file}`;
    const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', body) as (
      exports: unknown,
      require: (specifier: string) => unknown,
      module: ModuleRecord,
      filename: string,
      dirname: string,
    ) => void;
    wrapper(module.exports, localRequire, module, file, dirname(file));
    return module.exports;
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
