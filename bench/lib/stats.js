'use strict';

/** Median, p95, min and max of a list of numbers (milliseconds). */
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

const fmt = (ms) => (ms === undefined ? '-' : `${ms.toFixed(1)} ms`);

module.exports = { summarize, fmt };
