// Loads an app with hot reload in a process of its own, so that a test running as root can run
// it as another user, for whom chmod 000 really makes a file unreadable. The loader's TypeScript
// sources are compiled on the fly with SWC, as the tests' own imports are, so no build is
// needed. Prints one JSON line at start and one per reload or error event, each with the state
// of the app's elements after it; reads nothing.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const packages = join(__dirname, '../../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const workspace = /^@mti\/([a-z0-9-]+)$/.exec(request);
  return resolveFilename.call(this, workspace ? join(packages, workspace[1], 'src/index.ts') : request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { loadApp } = require('@mti/loader');

function elements(app) {
  return app
    .listElements()
    .filter((e) => e.origin === 'app')
    .map((e) => {
      let prefix;
      try {
        prefix = app.getElement(e.fullName).config.prefix;
      } catch {
        prefix = null;
      }
      return {
        fullName: e.fullName,
        status: e.status,
        code: e.error?.code,
        file: e.error?.file,
        message: e.error?.message,
        prefix,
      };
    });
}

async function main() {
  const env = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'k', S3_ACCESS_KEY_SECRET: 's' };
  const app = await loadApp(process.argv[2], { env, watch: true });
  const print = (line) => process.stdout.write(`${JSON.stringify({ ...line, elements: elements(app) })}\n`);
  app.on('reload', (e) => print({ event: 'reload', fullName: e.fullName, status: e.status }));
  app.on('error', (e) => print({ event: 'error', code: e.error.code, file: e.error.file, message: e.error.message }));
  print({
    event: 'ready',
    warnings: (app.warnings ?? []).map((w) => ({ code: w.code, file: w.file, message: w.message })),
  });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
