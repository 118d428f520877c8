import type { Config } from 'jest';

// The AWS SDK warns on every start that its 2027 releases will need Node 22; the pins here
// are the releases that run on Node 20. Workers inherit this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
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
  projects: [project('core'), project('type-aws-s3'), project('loader'), project('cli')],
  testTimeout: 30_000,
};

export default config;
