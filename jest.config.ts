import type { Config } from 'jest';

// One transform for every package: SWC, with legacy decorators and their metadata, as inversify
// expects. Type errors are tsc's job (`pnpm typecheck`), not the test runner's.
const transform: Config['transform'] = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

// Tests import packages from source, so no build is needed between an edit and a test run.
const moduleNameMapper = { '^@mti/([a-z0-9-]+)$': '<rootDir>/packages/$1/src/index.ts' };

const project = (name: string): NonNullable<Config['projects']>[number] => ({
  displayName: name,
  rootDir: __dirname,
  testMatch: [`<rootDir>/packages/${name}/test/**/*.test.ts`],
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
});

const config: Config = {
  projects: [project('core'), project('type-aws-s3'), project('loader')],
  testTimeout: 30_000,
};

export default config;
