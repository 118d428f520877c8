'use strict';
// CLI start-up: the wall time of `mti` commands, each in a fresh process, against a bare
// `node -e 0` on the same Node in the same rounds (lib/stats `alternate`), so drift of the
// machine hits every candidate alike. The targets are ratios to that bare start.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { alternate, fmt, interval, pairedStats, ratioText, spread, summarize } = require('../lib/stats');

const bin = join(__dirname, '../../packages/cli/bin/mti.js');
const demo = join(__dirname, '../../apps/demo');

async function cliCase({ s3, quick }) {
  const rounds = quick ? 5 : 40;
  // The demo's variables, so that `check` finds it valid; no test-runner or debug settings.
  const { NODE_OPTIONS: _options, DEBUG: _debug, NODE_COMPILE_CACHE: _cache, ...base } = process.env;
  const env = { ...base, ...s3.env };
  const candidates = [
    { name: 'node', label: 'node -e 0', args: ['-e', '0'] },
    { name: 'help', label: 'mti --help', args: [bin, '--help'], target: 2 },
    { name: 'version', label: 'mti --version', args: [bin, '--version'], target: 2 },
    { name: 'ls', label: 'mti ls apps/demo', args: [bin, 'ls', demo], target: 3.5 },
    { name: 'check', label: 'mti check apps/demo', args: [bin, 'check', demo], target: 3.5 },
  ];
  const run = (candidate, extraEnv = {}) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, candidate.args, {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ms = performance.now() - started;
    if (result.status !== 0) throw new Error(`${candidate.label} exited ${result.status}: ${result.stderr}`);
    return ms;
  };
  // Once each first: Node's compile cache (which the bin enables) and the page cache filled, as
  // for every run of a command after its first.
  for (const candidate of candidates) run(candidate);
  const values = await alternate(candidates, rounds, async (candidate) => run(candidate));

  // The first run after an install, for the notes: a fresh compile cache folder each time.
  const cold = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const cache = mkdtempSync(join(tmpdir(), 'mti-bench-ncc-'));
    try {
      cold.push(run(candidates[3], { NODE_COMPILE_CACHE: cache }));
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }

  const what = 'cli: command start-up, fresh process';
  const rows = candidates.map((candidate) => {
    const s = summarize(values.get(candidate.name));
    const paired = candidate.name === 'node' ? undefined : pairedStats(values, candidate.name, 'node');
    return {
      case: what,
      candidate: candidate.label,
      median: s.median,
      unit: 'ms',
      p95: s.p95,
      spread: spread(s),
      n: s.n,
      ratio: paired === undefined ? '1.00×' : `${paired.ratio.toFixed(2)}× (${interval(paired)})`,
    };
  });
  const targets = candidates
    .filter((candidate) => candidate.target !== undefined)
    .map((candidate) => {
      const paired = pairedStats(values, candidate.name, 'node');
      return {
        target: `cli: \`${candidate.label}\` ≤ ${candidate.target}× a bare \`node -e 0\``,
        holds: paired.ratio <= candidate.target,
        measured: `${ratioText(paired.ratio, candidate.target)}× (${interval(paired)})`,
      };
    });
  return {
    rows,
    notes: [
      `cli: ${rounds} rounds, each command once per round, in the orders of a Williams design, on ${process.execPath} ` +
        `(Node ${process.version}); ratio = geometric mean over rounds of command ÷ \`node -e 0\` in the same round. ` +
        `The bin enables Node's compile cache; the first \`mti ls\` after an install (empty cache) took ` +
        `${fmt(summarize(cold).median)} (median of ${cold.length})`,
    ],
    targets,
  };
}

module.exports = { cliCase };
