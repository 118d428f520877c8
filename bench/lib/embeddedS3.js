'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const S3rver = require('s3rver');

/**
 * The S3 server benchmarks run against: embedded s3rver by default, or any endpoint given as
 * MTI_BENCH_ENDPOINT / _ACCESS_KEY / _SECRET_KEY / _BUCKET / _REGION (for example Ceph RGW).
 */
async function benchS3(bucket = 'mti-bench') {
  if (process.env.MTI_BENCH_ENDPOINT) {
    return {
      name: `external ${process.env.MTI_BENCH_ENDPOINT}`,
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
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return {
    name: 's3rver 3.7.1 (embedded)',
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_ACCESS_KEY_SECRET: 'S3RVER',
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

module.exports = { benchS3 };
