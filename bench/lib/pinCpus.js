'use strict';
const { execFileSync } = require('node:child_process');
const os = require('node:os');

/**
 * Gives the embedded s3rver a CPU of its own (the last one) and this process — with the workers
 * it forks later, which inherit it — the others, so that server and client do not take turns on
 * the same core. On 2 cores without this, throughput of the same candidate varied by ±30 % from
 * one round to the next; pinned, by a few per cent. Linux with `taskset` only; MTI_BENCH_PIN=0
 * turns it off. Returns a description for the report.
 */
function pinCpus(s3) {
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  if (!s3.embedded) return 'not pinned (external server)';
  if (process.env.MTI_BENCH_PIN === '0') return 'not pinned (MTI_BENCH_PIN=0)';
  if (process.platform !== 'linux') return 'not pinned (not Linux)';
  // A shell already pinned to one CPU (taskset) hands that to everything it starts: client and
  // server then share the core, and every throughput figure drops by about half.
  if (cpus < 2) return `not pinned: this process may use ${cpus} CPU only, so s3rver shares it`;
  const server = cpus - 1;
  const client = server === 1 ? '0' : `0-${server - 1}`;
  try {
    execFileSync('taskset', ['-a', '-cp', String(server), String(s3.pid)], { stdio: 'ignore' });
    execFileSync('taskset', ['-a', '-cp', client, String(process.pid)], { stdio: 'ignore' });
  } catch {
    return 'not pinned (no taskset)';
  }
  return `s3rver pinned to CPU ${server}, bench and its workers to CPU ${client}`;
}

module.exports = { pinCpus };
