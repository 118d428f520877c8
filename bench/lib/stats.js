'use strict';

/** Median, p95, min and max of a list of numbers. */
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  // Of an even count, the mean of the two middle values: the upper one alone read high, which
  // showed with the large case's 4 rounds.
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { n: sorted.length, median, p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
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
 * The geometric mean over rounds of `candidate ÷ reference` within each round (`alternate` runs
 * them back to back, so drift of the server or the machine hits both sides of a ratio alike),
 * with the 95 % confidence interval of that mean (normal approximation on the logarithms:
 * mean ± 1.96 standard errors). Why geometric: per-slice ratios of small objects scatter by about
 * 15 %, and at that scatter the arithmetic mean of ratios reads about 2 % high (the A/A control,
 * raw against raw, read 1.017–1.027×), while the median is unbiased but noisier (one 100-slice
 * run put getObject at 0.960× where a 300-slice run of the same code read 0.993×). The logarithm
 * of a ratio is symmetric around zero for two equal candidates, so its mean is neither.
 */
function pairedStats(values, name, reference = 'raw') {
  const ours = values.get(name);
  const theirs = values.get(reference);
  const logs = ours.map((value, round) => Math.log(value / theirs[round]));
  const n = logs.length;
  const mean = logs.reduce((sum, r) => sum + r, 0) / n;
  const variance = n > 1 ? logs.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (n - 1) : 0;
  const half = 1.96 * Math.sqrt(variance / n);
  return { ratio: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half) };
}

/** The ratio the targets are judged on: `pairedStats(…).ratio`. */
const pairedRatio = (values, name, reference = 'raw') => pairedStats(values, name, reference).ratio;

/**
 * `0.982` — three decimals, or four when three would round a miss up to the target (0.9696
 * shown as 0.970 next to "NO" reads as a contradiction).
 */
function ratioText(value, target) {
  const text = value.toFixed(3);
  return value < target && Number(text) >= target ? value.toFixed(4) : text;
}

/** `95 % CI 0.965–0.991` */
const interval = ({ low, high }) => `95 % CI ${low.toFixed(3)}–${high.toFixed(3)}`;

/**
 * The orders of a Williams design for `n` candidates: a Latin square (each candidate once in each
 * position) in which each candidate comes straight after every other one equally often; for odd
 * `n` that takes the square and its mirror, 2n orders. Whoever follows a candidate pays for some
 * of its garbage (and its sockets' and the server's state): the design spreads that cost evenly.
 */
function williamsOrders(n) {
  const first = [0];
  for (let low = 1, high = n - 1; first.length < n;) {
    first.push(low++);
    if (first.length < n) first.push(high--);
  }
  const orders = Array.from({ length: n }, (_, shift) => first.map((index) => (index + shift) % n));
  return n % 2 === 0 ? orders : [...orders, ...orders.map((order) => [...order].reverse())];
}

/**
 * Runs `measure(candidate, round)` for every candidate in every round, each round in the next
 * order of a Williams design (williamsOrders). Until 12-02 the order only rotated and reversed,
 * which put each candidate after its two neighbours in the list and never after the others: raw,
 * first in the list, never followed flydrive, the candidate with the most garbage, while the
 * element and the A/A control did (docs/BENCHMARKS.md, finding 12).
 */
async function alternate(candidates, rounds, measure) {
  const values = new Map(candidates.map((c) => [c.name, []]));
  const orders = williamsOrders(candidates.length);
  for (let round = 0; round < rounds; round++) {
    for (const index of orders[round % orders.length]) {
      const candidate = candidates[index];
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
  williamsOrders,
  summarize,
  fmt,
  spread,
  ratio,
  pairedRatio,
  pairedStats,
  interval,
  ratioText,
  alternate,
  pool,
  opsRow,
};
