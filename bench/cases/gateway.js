'use strict';
// Gateway uploads: 50 clients at once each stream a 20 MiB PUT through a real gateway
// (workers/gatewayWorker.js, a process of its own so that its peak RSS is the gateway's), to the
// bench's S3 server. A client refused with 503 waits its Retry-After and tries again, as a
// well-behaved client does, so every upload completes; each object is then read back from S3
// and checked against the source's sha256. Rounds alternate the gateway's default cap on
// concurrent uploads with no cap (maxUploads 50), the control that shows what the cap holds.
const { fork } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { request } = require('node:http');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const {
  createCandidate,
  elementConfig,
  writeElementFolder,
  PART_SIZE_MIB,
  QUEUE_SIZE,
  MiB,
} = require('../lib/candidates');
const { envNumber } = require('../lib/envNumber');
const { fmt, spread, summarize } = require('../lib/stats');

const CLIENTS = 50;
const SIZE = 20 * MiB;
const TARGET_MIB = 300;
const worker = join(__dirname, '../workers/gatewayWorker.js');

/** The gateway in its own process; resolves once it listens. */
function startGateway(input) {
  const child = fork(worker, [JSON.stringify(input)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
    exited.then((code) => reject(new Error(`gateway worker exited with ${code} before listening`)));
  });
  const report = () =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      exited.then((code) => reject(new Error(`gateway worker exited with ${code} and no report`)));
      child.send('report');
    });
  return { ready, report, exited, kill: () => child.kill('SIGKILL') };
}

/** One streamed PUT of `body` in 64 KiB chunks; resolves with the status and Retry-After. */
function put(port, key, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/elements/storages.BenchS3/files/${key}`,
        // Its length declared, as browsers and curl send a file: the gateway counts it at that.
        headers: { 'content-type': 'application/octet-stream', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after']) }));
      },
    );
    let answered = false;
    req.on('response', () => (answered = true));
    // A refused upload's connection is closed under it: what counts is the answer it got.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    let offset = 0;
    const pump = () => {
      while (offset < body.length && !answered && !req.destroyed) {
        const chunk = body.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (offset >= body.length) req.end();
    };
    pump();
  });
}

/** 50 uploads at once, each retried after 503 until it is taken; every object then checked. */
async function round({ s3, dir, limits, body, expected, checker }) {
  const gateway = startGateway({ dir, env: s3.env, limits });
  try {
    const { port, rssMiB: idleMiB } = await gateway.ready;
    let refused = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        for (;;) {
          const { status, retryAfter } = await put(port, `bench-gateway/${i}.bin`, body);
          if (status === 200) return;
          if (status !== 503) throw new Error(`gateway upload ${i}: HTTP ${status}`);
          refused++;
          await new Promise((resolve) => setTimeout(resolve, (retryAfter || 1) * 1000));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { maxRssMiB, arrayBuffersMiB } = await gateway.report();
    for (let i = 0; i < CLIENTS; i++) {
      const back = await checker.get(`bench-gateway/${i}.bin`);
      const actual = createHash('sha256').update(back).digest('hex');
      if (actual !== expected) throw new Error(`gateway upload ${i}: stored sha256 ${actual} ≠ sent ${expected}`);
      await checker.delete(`bench-gateway/${i}.bin`);
    }
    return { maxRssMiB, arrayBuffersMiB, idleMiB, refused, mibs: (CLIENTS * SIZE) / MiB / seconds };
  } finally {
    gateway.kill();
    await gateway.exited;
  }
}

async function gatewayCase({ s3, quick }) {
  const rounds = quick ? 1 : 3;
  const { DEFAULT_MAX_UPLOADS, DEFAULT_UPLOAD_MEMORY } = require('../../packages/cli/dist/gateway/createGateway.js');
  // MTI_BENCH_UPLOAD_MEMORY_MIB: another budget than the default, to see what it holds.
  const memoryMiB = envNumber('MTI_BENCH_UPLOAD_MEMORY_MIB', DEFAULT_UPLOAD_MEMORY / MiB);
  const settings = [
    {
      name: 'capped',
      limits: { maxUploads: DEFAULT_MAX_UPLOADS, uploadMemory: memoryMiB * MiB },
      label: `uploadMemory ${memoryMiB} MiB, maxUploads ${DEFAULT_MAX_UPLOADS}${memoryMiB * MiB === DEFAULT_UPLOAD_MEMORY ? ' (the defaults)' : ''}`,
    },
    {
      name: 'uncapped',
      limits: { maxUploads: CLIENTS, uploadMemory: CLIENTS * SIZE },
      label: 'no cap (control)',
    },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'mti-bench-gateway-'));
  writeElementFolder(dir, 'BenchS3', elementConfig());
  const checker = await createCandidate('raw', s3.env);
  const body = randomBytes(SIZE);
  const expected = createHash('sha256').update(body).digest('hex');
  const results = new Map(settings.map((s) => [s.name, []]));
  try {
    for (let r = 0; r < rounds; r++) {
      // The control once per run is enough to show it; it costs about 1 GiB of RAM.
      const order = r === 0 ? settings : settings.slice(0, 1);
      for (const setting of order) {
        results.get(setting.name).push(await round({ s3, dir, limits: setting.limits, body, expected, checker }));
      }
    }
  } finally {
    await checker.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const what = `gateway: ${CLIENTS} parallel 20 MiB streamed PUTs`;
  const rows = [];
  for (const setting of settings) {
    const list = results.get(setting.name);
    const rss = summarize(list.map((r) => r.maxRssMiB));
    const mibs = summarize(list.map((r) => r.mibs));
    rows.push({
      case: `${what}: peak RSS of the gateway process`,
      candidate: setting.label,
      median: rss.median,
      unit: 'MiB',
      spread: spread(rss, 'MiB'),
      n: rss.n,
      ratio: '',
    });
    rows.push({
      case: `${what}: throughput, all ${CLIENTS} done`,
      candidate: setting.label,
      median: mibs.median,
      unit: 'MiB/s',
      spread: spread(mibs, 'MiB/s'),
      n: mibs.n,
      ratio: '',
    });
  }
  const capped = results.get('capped');
  const peak = Math.max(...capped.map((r) => r.maxRssMiB));
  return {
    rows,
    notes: [
      `gateway uploads: the element's parts are ${PART_SIZE_MIB} MiB × queue ${QUEUE_SIZE}; a refused client waits ` +
        `Retry-After and tries again (refused attempts per round, capped: ${capped.map((r) => r.refused).join(', ')}); ` +
        `RSS of the idle gateway ${fmt(summarize(capped.map((r) => r.idleMiB)).median, 'MiB')}, highest ArrayBuffer total ` +
        `(part buffers and request chunks, live or waiting for GC) ${fmt(Math.max(...capped.map((r) => r.arrayBuffersMiB)), 'MiB')} ` +
        `capped, ${fmt(Math.max(...results.get('uncapped').map((r) => r.arrayBuffersMiB)), 'MiB')} uncapped; every ` +
        `object's sha256 matched; the uncapped control runs once`,
    ],
    targets: [
      {
        target: `gateway: peak RSS ≤ ${TARGET_MIB} MiB under ${CLIENTS} parallel 20 MiB uploads (default limits)`,
        holds: peak <= TARGET_MIB,
        measured: `${fmt(peak, 'MiB')} (highest of ${capped.length}; uncapped ${fmt(
          Math.max(...results.get('uncapped').map((r) => r.maxRssMiB)),
          'MiB',
        )})`,
      },
    ],
  };
}

module.exports = { gatewayCase };
