'use strict';
const { readFileSync } = require('node:fs');

/**
 * This process's peak resident set in MiB, start-up included. Not `resourceUsage().maxRSS`: Linux
 * keeps ru_maxrss across the exec that starts a forked worker, so a worker reported the bench
 * process's own RSS at the fork whenever that was higher than its own peak (found 12-02: every
 * transfers worker read 116.6 MiB, the bench process's size by then). VmHWM belongs to the
 * process's own address space, which the exec replaced. Elsewhere, maxRSS is the best there is.
 */
function peakRssMiB() {
  try {
    const found = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (found !== null) return Number(found[1]) / 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024;
}

module.exports = { peakRssMiB };
