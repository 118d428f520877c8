'use strict';
// Transfers: 1 GiB (64 MiB with --quick) of random data downloaded to a file, through a proxy
// that caps each connection at 32 MB/s (MTI_BENCH_CAP_MBPS) — one connection to S3 carries far
// less than the link, which on this machine both ends share — and straight from the server.
// Candidates: the raw SDK's single GetObject piped to a file, and the element's `downloadToFile`
// (parallel ranged GETs) at concurrency 4 and 8, each transfer in a fresh worker process
// (workers/transferWorker.js) so that each peak RSS is the candidate's own. Every download is
// checked against the source's sha256. Each round also kills a resumable capped download at
// half way and times the call that resumes it.
const { fork, spawnSync } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  writeSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createCandidate, MiB } = require('../lib/candidates');
const { startCappedProxy } = require('../lib/cappedProxy');
const { envNumber } = require('../lib/envNumber');
const { runWorker } = require('../lib/fork');
const { alternate, fmt, pairedRatio, ratioText, spread, summarize } = require('../lib/stats');

const worker = join(__dirname, '../workers/transferWorker.js');
const CAP_MBPS = envNumber('MTI_BENCH_CAP_MBPS', 32);
const ROUNDS = envNumber('MTI_BENCH_TRANSFER_ROUNDS', 2);
const RSS_TARGET_MIB = 120;

const downloaders = [
  { name: 'raw', label: 'raw GetObject piped to a file', candidate: 'raw' },
  { name: 'c4', label: 'mti downloadToFile, concurrency 4', candidate: 'element', concurrency: 4 },
  { name: 'c8', label: 'mti downloadToFile, concurrency 8', candidate: 'element', concurrency: 8 },
];
const routes = ['capped', 'direct'];

function flushDisk() {
  spawnSync('sync', { stdio: 'ignore' });
}

function writeRandomFile(file, bytes) {
  const fd = openSync(file, 'w');
  try {
    for (let written = 0; written < bytes;) {
      const chunk = randomBytes(Math.min(16 * MiB, bytes - written));
      writeSync(fd, chunk);
      written += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
}

async function sha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: MiB })) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * A resumable capped download at concurrency 4, SIGKILLed once half the object is in its file,
 * then resumed by a fresh process: how long the resuming call took and how much it fetched.
 */
async function killAndResume(input, size) {
  const child = fork(worker, [JSON.stringify({ ...input, progress: true })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let killedAt;
  let finished = false;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.on('message', (message) => {
    if (message.loaded === undefined) finished = true;
    else if (killedAt === undefined && message.loaded >= size / 2) {
      killedAt = message.loaded;
      child.kill('SIGKILL');
    }
  });
  await exited;
  if (killedAt === undefined || finished) throw new Error('transfers: the download to kill ended before half way');
  if (!existsSync(`${input.file}.mti-part.journal`)) throw new Error('transfers: the killed download left no journal');
  const resumed = await runWorker(worker, input);
  return { ms: resumed.ms, killedAt, fetched: resumed.bytes - resumed.resumedFrom, maxRssMiB: resumed.maxRssMiB };
}

async function transfersCase({ s3, quick }) {
  const sizeMiB = quick ? 64 : 1024;
  const rounds = quick ? 1 : ROUNDS;
  const size = sizeMiB === 1024 ? '1 GiB' : `${sizeMiB} MiB`;
  // The source, the object on s3rver, one download and its temp file.
  const { bavail, bsize } = statfsSync(tmpdir());
  if (bavail * bsize < 4 * sizeMiB * MiB) {
    throw new Error(
      `transfers: needs ${4 * sizeMiB} MiB free in ${tmpdir()}, has ${Math.floor((bavail * bsize) / MiB)}`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'mti-bench-transfers-'));
  const source = join(dir, 'source.bin');
  const target = join(dir, 'download.bin');
  const key = 'bench-transfers/object.bin';
  const smallKey = 'bench-transfers/small.bin';
  const cleaner = await createCandidate('raw', s3.env);
  const proxy = await startCappedProxy(s3.env.S3_ENDPOINT, CAP_MBPS * 1e6);
  try {
    writeRandomFile(source, sizeMiB * MiB);
    const expected = await sha256(source);
    await cleaner.uploadFile(key, source);
    await cleaner.put(smallKey, randomBytes(4096));
    const env = { capped: { ...s3.env, S3_ENDPOINT: proxy.endpoint }, direct: s3.env };
    const input = (d, route, extra = {}) => ({
      candidate: d.candidate,
      concurrency: d.concurrency,
      key,
      file: target,
      env: env[route],
      ...extra,
    });

    // What each worker holds after a 4 KiB download: modules, one client, the first request.
    const baseline = {};
    for (const d of downloaders) {
      baseline[d.name] = (await runWorker(worker, input(d, 'direct', { key: smallKey }))).maxRssMiB;
      rmSync(target, { force: true });
    }

    const combos = [
      ...routes.flatMap((route) => downloaders.map((d) => ({ name: `${d.name}-${route}`, d, route }))),
      { name: 'resume', d: downloaders[1], route: 'capped' },
    ];
    const results = await alternate(combos, rounds, async ({ name, d, route }) => {
      flushDisk();
      const result =
        name === 'resume'
          ? await killAndResume(input(d, route, { resume: true }), sizeMiB * MiB)
          : await runWorker(worker, input(d, route));
      const actual = await sha256(target);
      if (actual !== expected) throw new Error(`transfers ${name}: downloaded sha256 ${actual} ≠ source ${expected}`);
      rmSync(target, { force: true });
      return { ...result, mibs: (sizeMiB * MiB) / MiB / (result.ms / 1000) };
    });

    const field = (name, f) => results.get(name).map((r) => r[f]);
    const rows = [];
    const ratios = {};
    for (const route of routes) {
      const what =
        route === 'capped'
          ? `transfers ${size} download to a file, each connection capped at ${CAP_MBPS} MB/s`
          : `transfers ${size} download to a file, not capped`;
      const values = new Map(downloaders.map((d) => [d.name, field(`${d.name}-${route}`, 'mibs')]));
      for (const d of downloaders) {
        const s = summarize(values.get(d.name));
        ratios[`${d.name}-${route}`] = pairedRatio(values, d.name);
        rows.push({
          case: what,
          candidate: d.label,
          median: s.median,
          unit: 'MiB/s',
          spread: spread(s, 'MiB/s'),
          n: s.n,
          ratio: `${ratios[`${d.name}-${route}`].toFixed(2)}×`,
        });
      }
    }
    for (const route of routes) {
      const values = new Map(downloaders.map((d) => [d.name, field(`${d.name}-${route}`, 'maxRssMiB')]));
      for (const d of downloaders) {
        const s = summarize(values.get(d.name));
        rows.push({
          case: `transfers ${size} download${route === 'capped' ? ' (capped)' : ''}: peak RSS of the process`,
          candidate: d.label,
          median: s.median,
          unit: 'MiB',
          spread: spread(s, 'MiB'),
          n: s.n,
          ratio: `${pairedRatio(values, d.name).toFixed(2)}×`,
        });
      }
    }
    const resumedMs = summarize(field('resume', 'ms'));
    const fullMs = field('c4-capped', 'ms');
    const resumeRatio = Math.exp(
      field('resume', 'ms').reduce((sum, ms, round) => sum + Math.log(ms / fullMs[round]), 0) / rounds,
    );
    rows.push({
      case: `transfers ${size}: resumed after a kill at half way (capped, concurrency 4)`,
      candidate: 'mti downloadToFile, resume: true (the resuming call)',
      median: resumedMs.median / 1000,
      unit: 's',
      spread: spread({ min: resumedMs.min / 1000, max: resumedMs.max / 1000 }, 's'),
      n: resumedMs.n,
      ratio: `${resumeRatio.toFixed(2)}× the time of a whole one`,
    });
    const peak = Math.max(
      ...['c4-capped', 'c8-capped', 'c4-direct', 'c8-direct', 'resume'].flatMap((name) => field(name, 'maxRssMiB')),
    );
    const mib = (bytes) => fmt(bytes / MiB, 'MiB');
    const throughputTarget = (name, route, target, label) => ({
      target: label,
      holds: ratios[`${name}-${route}`] >= target,
      measured:
        `${ratioText(ratios[`${name}-${route}`], target)}× (median ` +
        `${fmt(summarize(field(`${name}-${route}`, 'mibs')).median, 'MiB/s')} vs ` +
        `${fmt(summarize(field(`raw-${route}`, 'mibs')).median, 'MiB/s')})`,
    });
    return {
      rows,
      notes: [
        `transfers: each transfer in its own process, timed inside it (module loading excluded); the capped ` +
          `route is a proxy in a process of its own (bench/lib/cappedProxyProcess.js) that lets each connection ` +
          `carry ${CAP_MBPS} MB/s (${fmt((CAP_MBPS * 1e6) / MiB, 'MiB/s')}), the direct one the server itself; ` +
          `downloadToFile with its default 8 MiB parts, its file flushed to the device before the rename and, ` +
          `on s3rver (whose ETags are MD5s), MD5-checked; raw neither; ratio = geometric mean over rounds of ` +
          `candidate ÷ raw on the same route in the same round; every download matched the source's sha256`,
        `transfers: peak RSS of the same worker after a 4 KiB download: ` +
          downloaders.map((d) => `${d.name} ${fmt(baseline[d.name], 'MiB')}`).join(', '),
        `transfers: the killed downloads had ${field('resume', 'killedAt').map(mib).join(', ')} in their ` +
          `files; the resuming calls fetched ${field('resume', 'fetched').map(mib).join(', ')} of ${mib(sizeMiB * MiB)} ` +
          `(parts in flight at the kill, and parts written but not yet flushed, are fetched again)`,
      ],
      targets: [
        throughputTarget('c4', 'capped', 3, `transfers capped: downloadToFile at concurrency 4 ≥ 3× raw`),
        throughputTarget('c8', 'capped', 3, `transfers capped: downloadToFile at concurrency 8 ≥ 3× raw`),
        throughputTarget('c4', 'direct', 1, `transfers not capped: downloadToFile at concurrency 4 ≥ 1× raw`),
        throughputTarget('c8', 'direct', 1, `transfers not capped: downloadToFile at concurrency 8 ≥ 1× raw`),
        {
          target: `transfers: downloadToFile peak RSS ≤ ${RSS_TARGET_MIB} MiB (highest of all its runs)`,
          holds: peak <= RSS_TARGET_MIB,
          measured: `${fmt(peak, 'MiB')} (raw GetObject: ${fmt(Math.max(...field('raw-direct', 'maxRssMiB'), ...field('raw-capped', 'maxRssMiB')), 'MiB')})`,
        },
      ],
    };
  } finally {
    await proxy.stop();
    await cleaner.delete(key).catch(() => undefined);
    await cleaner.delete(smallKey).catch(() => undefined);
    await cleaner.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { transfersCase };
