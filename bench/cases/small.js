'use strict';
// Small objects: 4 KiB uploadByFile, download and getObject at concurrency 16, by the element
// (through its handle), the raw SDK, flydrive and a second raw client (the A/A control),
// alternating in short slices so that drift of the server or the machine hits all alike.
const { randomBytes } = require('node:crypto');
const { createCandidate, createCandidates } = require('../lib/candidates');
const { envNumber } = require('../lib/envNumber');
const { alternate, fmt, interval, opsRow, pairedStats, pool, ratioText, summarize } = require('../lib/stats');

const SIZE = 4096;
const CONCURRENCY = 16;
const KEYS = 200;

const operations = [
  { name: 'uploadByFile', run: (c, key, data) => c.put(`bench-small/put/${c.name}/${key}`, data) },
  {
    name: 'download',
    run: async (c, key) => {
      const bytes = await c.get(`bench-small/read/${key}`);
      if (bytes.length !== SIZE) throw new Error(`${c.name} download: got ${bytes.length} bytes`);
    },
  },
  { name: 'getObject', run: (c, key) => c.head(`bench-small/read/${key}`) },
];
// Candidates measured in one operation only: the raw download with the element's body checks.
const onlyIn = { checked: 'download' };

async function smallCase({ s3, quick }) {
  // 40 slices of 250 rather than 7 rounds of 2,000: a second raw client measured against the
  // first read 0.96–1.11× in long rounds and 0.99–1.01× in short ones (docs/BENCHMARKS.md).
  const calls = quick ? 150 : 250;
  // 100 slices give a 95 % interval of about ±2 % on each ratio, against a target 3 % below raw
  // (40 gave ±3 %, the whole margin), and keep the full run near 8 minutes;
  // MTI_BENCH_SLICES=200 narrows it to about ±1.3 % (docs/BENCHMARKS.md, finding 6).
  const rounds = envNumber('MTI_BENCH_SLICES', quick ? 6 : 100, { min: 2 });
  const data = randomBytes(SIZE);
  const all = await createCandidates(s3.env, ['raw', 'element', 'flydrive', 'control', 'checked']);
  // The objects to read are put by a client of their own, not by raw's: setting up the case
  // gives no candidate a head start (finding 12).
  const setup = await createCandidate('raw', s3.env);
  const candidatesOf = (op) => all.filter((c) => (onlyIn[c.name] ?? op.name) === op.name);
  try {
    try {
      await pool(KEYS, CONCURRENCY, (i) => setup.put(`bench-small/read/${i}`, data));
    } finally {
      await setup.close();
    }
    // Warm-up, not measured: JIT, keep-alive sockets, s3rver's own JIT.
    for (const op of operations)
      for (const c of candidatesOf(op)) await pool(quick ? 200 : 500, CONCURRENCY, (i) => op.run(c, i % KEYS, data));

    const rows = [];
    const targets = [];
    const notes = [];
    for (const op of operations) {
      const candidates = candidatesOf(op);
      const latencies = new Map(candidates.map((c) => [c.name, []]));
      const cpu = new Map(candidates.map((c) => [c.name, []]));
      const throughput = await alternate(candidates, rounds, async (c) => {
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        const ms = await pool(calls, CONCURRENCY, (i) => op.run(c, i % KEYS, data));
        const elapsed = performance.now() - started;
        const { user, system } = process.cpuUsage(cpuBefore);
        latencies.get(c.name).push(...ms);
        cpu.get(c.name).push((user + system) / calls);
        return calls / (elapsed / 1000);
      });
      for (const c of candidates) {
        rows.push(opsRow(`small 4 KiB ${op.name}, ${rounds} × ${calls} calls × 16`, c, throughput, latencies));
      }
      const element = pairedStats(throughput, 'element');
      const control = pairedStats(throughput, 'control');
      targets.push({
        target: `small ${op.name}: element ≥ 0.97× raw`,
        holds: element.ratio >= 0.97,
        measured:
          `${ratioText(element.ratio, 0.97)}× (${interval(element)}; median ` +
          `${fmt(summarize(throughput.get('element')).median, 'ops/s')} vs ${fmt(summarize(throughput.get('raw')).median, 'ops/s')}; ` +
          `A/A control ${control.ratio.toFixed(3)}×, ${interval(control)})`,
      });
      if (throughput.has('checked')) {
        const checked = pairedStats(throughput, 'checked');
        const wrapper = pairedStats(throughput, 'element', 'checked');
        notes.push(
          `small ${op.name}: raw with the element's body checks (length, ETag MD5) ${checked.ratio.toFixed(3)}× raw ` +
            `(${interval(checked)}): what the checks cost; the element ${wrapper.ratio.toFixed(3)}× that ` +
            `(${interval(wrapper)}): what the rest of the element costs`,
        );
      }
      notes.push(
        `small ${op.name}: CPU of the bench process per call (median over rounds): ` +
          candidates.map((c) => `${c.name} ${summarize(cpu.get(c.name)).median.toFixed(0)} µs`).join(', '),
      );
    }
    notes.unshift(
      `small objects: median throughput over ${rounds} slices of ${calls} calls (candidates alternate ` +
        `in the orders of a Williams design, each after every other one equally often); ratio = geometric mean over slices of candidate ÷ raw in the same slice, ` +
        `with its 95 % CI; ` +
        `the A/A control is the raw code on a second client: its distance from 1.00× is the run's resolution; ` +
        `p95 is the per-call latency over all rounds; one warm-up pass per candidate is not counted`,
    );
    return { rows, notes, targets };
  } finally {
    for (const c of all) await c.close();
  }
}

module.exports = { smallCase };
