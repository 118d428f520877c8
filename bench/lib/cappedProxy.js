'use strict';
const { fork } = require('node:child_process');
const { join } = require('node:path');

/**
 * Starts lib/cappedProxyProcess.js in front of the S3 server at `endpoint`, capping each
 * connection at `bytesPerSecond`; resolves with the proxy's endpoint, its pid, and `stop()`.
 */
async function startCappedProxy(endpoint, bytesPerSecond) {
  const target = new URL(endpoint);
  if (target.protocol !== 'http:') throw new Error(`the capped proxy forwards plain http only, not ${endpoint}`);
  const child = fork(
    join(__dirname, 'cappedProxyProcess.js'),
    [JSON.stringify({ targetPort: Number(target.port || 80), bytesPerSecond })],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`capped proxy exited with ${code} before listening`)));
  });
  child.removeAllListeners('exit');
  return {
    endpoint: `http://${target.hostname}:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

module.exports = { startCappedProxy };
