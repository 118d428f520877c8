import type { Config } from 'jest';

// Node 22.18+ loads this file through its own type stripping, as an ES module: no `__dirname`
// or `require` here. `rootDir` defaults to this file's folder, which is what the projects need.

// Tests talk to loopback only: the credential chain must never fall through to the EC2
// instance metadata address.
process.env.AWS_EC2_METADATA_DISABLED = 'true';

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
// `@mti/core/testing` (the contract kit) is core's one subpath export.
const moduleNameMapper = {
  '^@mti/core/testing$': '<rootDir>/packages/core/src/testing/index.ts',
  '^@mti/([a-z0-9-]+)$': '<rootDir>/packages/$1/src/index.ts',
};

const project = (name: string): NonNullable<Config['projects']>[number] => ({
  displayName: name,
  testMatch: [`<rootDir>/packages/${name}/test/**/*.test.ts`],
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
});

const config: Config = {
  projects: [project('core'), project('type-aws-s3'), project('type-disk'), project('loader'), project('cli')],
  testTimeout: 30_000,
};

export default config;
