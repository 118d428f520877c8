'use strict';
// Signing: getSignUrl (presigned GET with a response Content-Type) one after another, against
// the raw presigner on a client with the same settings; flydrive's getSignedUrl for reference.
const { createCandidates } = require('../lib/candidates');
const { alternate, fmt, interval, opsRow, pairedStats, ratioText, summarize } = require('../lib/stats');

async function signingCase({ s3, quick }) {
  const calls = quick ? 1_000 : 1_500;
  const rounds = quick ? 3 : 15;
  const candidates = await createCandidates(s3.env);
  try {
    const sign = async (c, count, latencies) => {
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        const url = await c.sign(`bench-sign/${i}.txt`, 'text/plain', 300);
        latencies?.push(performance.now() - started);
        if (!url.includes('X-Amz-Signature=')) throw new Error(`${c.name}: not a presigned URL: ${url}`);
      }
    };
    for (const c of candidates) await sign(c, 1_000);
    const latencies = new Map(candidates.map((c) => [c.name, []]));
    const throughput = await alternate(candidates, rounds, async (c) => {
      const started = performance.now();
      await sign(c, calls, latencies.get(c.name));
      return calls / ((performance.now() - started) / 1000);
    });
    const rows = candidates.map((c) =>
      opsRow(
        `getSignUrl, ${calls.toLocaleString('en-US')} in a row`,
        c,
        throughput,
        latencies,
        c.label.replace('raw @aws-sdk/client-s3 (one client)', 'raw @aws-sdk/s3-request-presigner'),
      ),
    );
    const element = pairedStats(throughput, 'element');
    return {
      rows,
      notes: [
        `signing: ${rounds} rounds, ratio = geometric mean over rounds of candidate ÷ raw in the same round, with its 95 % CI; p95 is per call`,
      ],
      targets: [
        {
          target: 'getSignUrl: element ≥ 0.95× raw presigner',
          holds: element.ratio >= 0.95,
          measured: `${ratioText(element.ratio, 0.95)}× (${interval(element)}; median ${fmt(summarize(throughput.get('element')).median, 'ops/s')} vs ${fmt(summarize(throughput.get('raw')).median, 'ops/s')})`,
        },
      ],
    };
  } finally {
    for (const c of candidates) await c.close();
  }
}

module.exports = { signingCase };
