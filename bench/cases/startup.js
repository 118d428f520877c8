'use strict';
// Start-up: an app folder of 1,000 storages.AwsS3Type Instances, loaded by `loadApp` (no watch)
// in a fresh process per run (workers/startupWorker.js).
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { elementConfig, writeElementFolder } = require('../lib/candidates');
const { runWorker } = require('../lib/fork');
const { fmt, spread, summarize } = require('../lib/stats');

const COUNT = 1_000;

async function startupCase({ s3, quick }) {
  const runs = quick ? 3 : 7;
  const dir = mkdtempSync(join(tmpdir(), 'mti-bench-startup-'));
  try {
    for (let i = 0; i < COUNT; i++) {
      const name = `Bench${String(i).padStart(4, '0')}`;
      writeElementFolder(dir, name, elementConfig({ prefix: `tenant-${i}` }));
    }
    const element = 'storages.Bench0500';
    const results = [];
    for (let run = 0; run < runs; run++) {
      results.push(
        await runWorker(join(__dirname, '../workers/startupWorker.js'), { dir, env: s3.env, element, count: COUNT }),
      );
    }
    const stat = (field) => summarize(results.map((r) => r[field]));
    const what = `start-up: app of ${COUNT.toLocaleString('en-US')} element folders`;
    const row = (field, candidate, unit = 'ms') => {
      const s = stat(field);
      return { case: what, candidate, median: s.median, unit, spread: spread(s, unit), n: s.n, ratio: '' };
    };
    const ready = stat('ready');
    return {
      rows: [
        row('ready', 'process start → loadApp resolved'),
        row('loadApp', 'loadApp call alone'),
        row('rssMiB', 'RSS after load', 'MiB'),
        row('firstCall', `first call (${element}.uploadByFile 4 KiB)`),
        row('secondCall', 'second call, same element'),
      ],
      notes: [
        `start-up: each run a fresh process (${runs} runs); "process start → loadApp resolved" is Node's start-up ` +
          `(median ${fmt(stat('boot').median)}), require('@mti/loader') (${fmt(stat('require').median)}) and ` +
          `loadApp (${fmt(stat('loadApp').median)}); the first call builds the instance and its S3 client and opens a connection`,
      ],
      targets: [
        {
          target: `start-up: ${COUNT.toLocaleString('en-US')} elements load ≤ 1 s (process start → app ready)`,
          holds: ready.median <= 1000,
          measured: fmt(ready.median),
        },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { startupCase };
