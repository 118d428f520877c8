#!/usr/bin/env node
// The embedded s3rver lists with DES continuation tokens, which need OpenSSL's legacy provider;
// Node only loads it at start-up, so the command starts itself again with the flag. What that
// takes is required only when --embedded-s3 is given, to keep every other start short.
if (process.argv.includes('--embedded-s3') && !legacyProviderLoaded()) {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  // Ctrl-C and a service manager's SIGTERM are passed on: the child ending from one of those is
  // the shutdown that was asked for. Any other signal (the OOM killer's SIGKILL, a crash) is a
  // failure, reported as 128 + its number as shells report it, so a supervisor restarts us.
  const forwarded = new Set<NodeJS.Signals>();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      forwarded.add(signal);
      child.kill(signal);
    });
  child.on('error', () => {
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    if (code !== null) process.exitCode = code;
    else if (signal !== null && forwarded.has(signal)) process.exitCode = 0;
    else {
      const { constants } = require('node:os') as typeof import('node:os');
      process.exitCode = 128 + (constants.signals[signal as NodeJS.Signals] ?? 0);
    }
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
