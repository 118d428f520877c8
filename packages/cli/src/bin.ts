#!/usr/bin/env node
// The embedded s3rver lists with DES continuation tokens, which need OpenSSL's legacy provider;
// Node only loads it at start-up, so the command starts itself again with the flag. What that
// takes is required only when --embedded-s3 is given, to keep every other start short.
if (process.argv.includes('--embedded-s3') && !legacyProviderLoaded()) {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 1 : 0);
  });
} else {
  const { run } = require('./program') as typeof import('./program');
  void run(process.argv).then((code) => {
    process.exitCode = code;
  });
}

/** Whether this Node can make DES ciphers, i.e. was started with OpenSSL's legacy provider. */
function legacyProviderLoaded(): boolean {
  const { desAvailable } = require('./embedded/desAvailable') as typeof import('./embedded/desAvailable');
  return desAvailable();
}
