#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { desAvailable } from './embedded/desAvailable';
import { run } from './program';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// The embedded s3rver lists with DES continuation tokens, which need OpenSSL's legacy provider;
// Node only loads it at start-up, so the command starts itself again with the flag.
if (process.argv.includes('--embedded-s3') && !desAvailable()) {
  const child = spawn(process.execPath, ['--openssl-legacy-provider', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 1 : 0);
  });
} else {
  void run(process.argv).then((code) => {
    process.exitCode = code;
  });
}
