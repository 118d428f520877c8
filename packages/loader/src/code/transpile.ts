import type * as Swc from '@swc/core';

// Loaded on the first transpile, not with the loader: the native binding costs about 16 MiB of
// memory that apps without Type code of their own never use.
let swc: typeof Swc | undefined;

/** Loads the transpiler into this process, if it is not yet. */
export function loadTranspiler(): typeof Swc {
  swc ??= require('@swc/core') as typeof Swc;
  return swc;
}

/**
 * TypeScript (or modern JavaScript) to CommonJS, with legacy decorators and their metadata as
 * inversify expects, so app Type code needs no build step.
 */
export function transpile(source: string, filename: string): string {
  const typescript = /\.[cm]?tsx?$/.test(filename);
  return loadTranspiler().transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: typescript ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  }).code;
}
