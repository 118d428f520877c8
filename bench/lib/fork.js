'use strict';
const { fork } = require('node:child_process');

/**
 * Runs a worker script in a fresh Node process with one JSON argument; resolves with the one
 * message it sends back, rejects when it exits without one.
 */
function runWorker(script, input, { execArgv = [], timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message) => (result = message));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result);
      else reject(new Error(`${script} exited with ${signal ?? code} and no result`));
    });
  });
}

module.exports = { runWorker };
