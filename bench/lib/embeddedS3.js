'use strict';
const { fork } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/**
 * The S3 server benchmarks run against: embedded s3rver by default, or any endpoint given as
 * MTI_BENCH_ENDPOINT / _ACCESS_KEY / _SECRET_KEY / _BUCKET / _REGION (for example Ceph RGW).
 * The embedded s3rver runs in a child process (lib/s3rverProcess.js), not in the candidates' one.
 */
async function benchS3(bucket = 'mti-bench') {
  if (process.env.MTI_BENCH_ENDPOINT) {
    return {
      name: `external ${process.env.MTI_BENCH_ENDPOINT}`,
      embedded: false,
      env: {
        S3_ENDPOINT: process.env.MTI_BENCH_ENDPOINT,
        S3_ACCESS_KEY_ID: process.env.MTI_BENCH_ACCESS_KEY,
        S3_ACCESS_KEY_SECRET: process.env.MTI_BENCH_SECRET_KEY,
        S3_BUCKET: process.env.MTI_BENCH_BUCKET,
        S3_REGION: process.env.MTI_BENCH_REGION ?? 'us-east-1',
      },
      stop: async () => {},
    };
  }
  const directory = mkdtempSync(join(tmpdir(), 'mti-bench-s3-'));
  // s3rver encrypts ListObjectsV2 continuation tokens with DES: OpenSSL's legacy provider.
  const child = fork(join(__dirname, 's3rverProcess.js'), [JSON.stringify({ directory, bucket })], {
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver process exited with ${code} before listening`)));
  });
  child.removeAllListeners('exit');
  return {
    name: 's3rver 3.7.1 (embedded, own process)',
    embedded: true,
    pid: child.pid,
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_ACCESS_KEY_SECRET: 'S3RVER',
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

module.exports = { benchS3 };
