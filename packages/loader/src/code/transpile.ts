import { transformSync } from '@swc/core';

/**
 * TypeScript (or modern JavaScript) to CommonJS, with legacy decorators and their metadata as
 * inversify expects, so app Type code needs no build step.
 */
export function transpile(source: string, filename: string): string {
  const typescript = /\.[cm]?tsx?$/.test(filename);
  return transformSync(source, {
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
