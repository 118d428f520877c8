'use strict';

/** Median, p95, min and max of a list of numbers. */
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

const digits = { ms: 1, 'ops/s': 0, 'MiB/s': 1, MiB: 1 };

/** A number with its unit: `57.3 ms`, `1,480 ops/s`, `112.4 MiB/s`; `-` when there is none. */
function fmt(value, unit = 'ms') {
  if (value === undefined) return '-';
  const d = digits[unit] ?? 1;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })} ${unit}`;
}

/** `min–max unit` */
function spread(s, unit = 'ms') {
  return `${fmt(s.min, unit).split(' ')[0]}–${fmt(s.max, unit)}`;
}

/** `0.98×`; higher is better for throughput, so it is candidate ÷ reference. */
const ratio = (value, reference) => `${(value / reference).toFixed(2)}×`;

/**
 * The median over rounds of `candidate ÷ reference` within each round (`alternate` runs them
 * back to back), which drift of the server or the machine over a run affects far less than a
 * ratio of two medians taken over the whole run.
 */
function pairedRatio(values, name, reference = 'raw') {
  const ours = values.get(name);
  const theirs = values.get(reference);
  return summarize(ours.map((value, round) => value / theirs[round])).median;
}

/**
 * The mean of the same per-round ratios with its 95 % confidence interval (normal approximation:
 * mean ± 1.96 standard errors). It says how far one run can be trusted: a median of 0.966× whose
 * interval is 0.945–0.990 has not shown that a 0.97× target is missed.
 */
function pairedInterval(values, name, reference = 'raw') {
  const ours = values.get(name);
  const theirs = values.get(reference);
  const ratios = ours.map((value, round) => value / theirs[round]);
  const n = ratios.length;
  const mean = ratios.reduce((sum, r) => sum + r, 0) / n;
  const variance = n > 1 ? ratios.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (n - 1) : 0;
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

/**
 * `0.982` — three decimals, or four when three would round a miss up to the target (0.9696
 * shown as 0.970 next to "NO" reads as a contradiction).
 */
function ratioText(value, target) {
  const text = value.toFixed(3);
  return value < target && Number(text) >= target ? value.toFixed(4) : text;
}

/** `95 % CI of the mean 0.965–0.991` */
const interval = ({ low, high }) => `95 % CI of the mean ${low.toFixed(3)}–${high.toFixed(3)}`;

/**
 * Runs `measure(candidate, round)` for every candidate in every round. The order rotates and,
 * every other cycle, runs backwards, so each candidate goes first, last, and after each other
 * one about equally often: whoever follows a candidate pays for some of its garbage, and a
 * fixed order would hand that cost to the same one every time.
 */
async function alternate(candidates, rounds, measure) {
  const values = new Map(candidates.map((c) => [c.name, []]));
  const n = candidates.length;
  for (let round = 0; round < rounds; round++) {
    const backwards = Math.floor(round / n) % 2 === 1;
    for (let i = 0; i < n; i++) {
      const step = backwards ? n - 1 - i : i;
      const candidate = candidates[(round + step) % n];
      values.get(candidate.name).push(await measure(candidate, round));
    }
  }
  return values;
}

/** Runs `count` calls of `call(i)` with `concurrency` in flight; resolves with each call's ms. */
async function pool(count, concurrency, call) {
  const latencies = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const started = performance.now();
      await call(i);
      latencies[i] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

/** A table row for an ops/s measure: median, p95 latency, spread and ratio to raw in one run. */
function opsRow(caseLabel, candidate, throughput, latencies, label = candidate.label) {
  const s = summarize(throughput.get(candidate.name));
  return {
    case: caseLabel,
    candidate: label,
    median: s.median,
    unit: 'ops/s',
    p95: summarize(latencies.get(candidate.name)).p95,
    spread: spread(s, 'ops/s'),
    n: s.n,
    ratio: `${pairedRatio(throughput, candidate.name).toFixed(2)}×`,
  };
}

module.exports = {
  summarize,
  fmt,
  spread,
  ratio,
  pairedRatio,
  pairedInterval,
  interval,
  ratioText,
  alternate,
  pool,
  opsRow,
};
