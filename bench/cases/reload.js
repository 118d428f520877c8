'use strict';
// Hot reload: how long from a config write until the new instance serves, and whether calls
// running through a storm of reloads fail.
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { loadApp } = require('@mti/loader');
const { summarize } = require('../lib/stats');

const declaration = { title: 'Bench', type: 'storages.AwsS3Type' };
const config = (prefix, extra = {}) => ({
  accessKeyId: '${S3_ACCESS_KEY_ID}',
  accessKeySecret: '${S3_ACCESS_KEY_SECRET}',
  endPoint: '${S3_ENDPOINT}',
  bucketName: '${S3_BUCKET}',
  region: '${S3_REGION:-us-east-1}',
  prefix,
  ...extra,
});

async function reloadCase({ s3, quick }) {
  const dir = mkdtempSync(join(tmpdir(), 'mti-bench-reload-'));
  mkdirSync(join(dir, 'storages/MyS3'), { recursive: true });
  const file = join(dir, 'storages/MyS3/MyS3.json');
  writeFileSync(join(dir, 'storages/MyS3/e.json'), JSON.stringify(declaration));
  writeFileSync(file, JSON.stringify(config('p0')));
  const app = await loadApp(dir, { env: s3.env, watch: true });
  const handle = app.getElement('storages.MyS3');
  try {
    // 1. Latency: write, then poll the handle until the new config serves.
    const latencies = [];
    const rounds = quick ? 15 : 60;
    for (let i = 1; i <= rounds; i++) {
      const prefix = `p${i}`;
      const started = performance.now();
      writeFileSync(file, JSON.stringify(config(prefix)));
      while (handle.config.prefix !== prefix) {
        if (performance.now() - started > 5_000) throw new Error(`reload ${i} did not serve within 5 s`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      latencies.push(performance.now() - started);
      // Let chokidar's per-file throttle (50 ms) lapse, as between two human saves.
      await new Promise((resolve) => setTimeout(resolve, 120));
    }

    // 2. Storm: calls at concurrency 16 while the config is rewritten every 25-80 ms.
    writeFileSync(file, JSON.stringify(config('storm')));
    while (handle.config.prefix !== 'storm') await new Promise((resolve) => setTimeout(resolve, 5));
    await handle.uploadByFile('storm.txt', 'storm');
    const calls = quick ? 500 : 2_000;
    let next = 0;
    let failed = 0;
    let reloads = 0;
    let firstFailure;
    app.on('reload', () => reloads++);
    const worker = async () => {
      for (let i = next++; i < calls; i = next++) {
        try {
          if (i % 2 === 0) await handle.download('storm.txt');
          else await handle.getObject('storm.txt');
        } catch (error) {
          if (failed++ === 0) firstFailure = error;
        }
      }
    };
    let writing = true;
    const writer = async () => {
      for (let n = 0; writing; n++) {
        writeFileSync(file, JSON.stringify(config('storm', { maxAttempts: 2 + (n % 3) })));
        await new Promise((resolve) => setTimeout(resolve, 25 + (n % 4) * 18));
      }
    };
    const storm = writer();
    await Promise.all(Array.from({ length: 16 }, worker));
    writing = false;
    await storm;

    const s = summarize(latencies);
    return {
      rows: [
        {
          case: 'hot reload: config write → new instance serving',
          candidate: 'mti loader (chokidar)',
          median: s.median,
          p95: s.p95,
          spread: `${s.min.toFixed(1)}–${s.max.toFixed(1)} ms`,
          n: s.n,
          ratio: '',
        },
      ],
      notes: [
        `reload storm: ${calls} calls at concurrency 16 through ${reloads} reloads, ${failed} failed` +
          (firstFailure ? ` (first: ${firstFailure.message})` : ''),
      ],
      targets: [
        { target: 'reload median ≤ 100 ms', holds: s.median <= 100, measured: `${s.median.toFixed(1)} ms` },
        { target: 'calls failed during a reload storm = 0', holds: failed === 0, measured: String(failed) },
      ],
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { reloadCase };
