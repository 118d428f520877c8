'use strict';
// One large transfer by one candidate, alone in this process, so its peak RSS is its own:
// `fork(largeWorker.js, [JSON.stringify({ candidate, op, key, file, env })])` → IPC message
// `{ ms, bytes, maxRssMiB, rssBeforeMiB }`. op: upload (file stream → S3), download (S3 → file,
// the candidate's way), stream (the element's downloadStream piped to a file), durable (raw's
// download, then flushed to the device), or baseline (build the candidate, one 4 KiB put: what the process holds without a transfer).
const { statSync } = require('node:fs');
const { createCandidate } = require('../lib/candidates');
const { peakRssMiB } = require('../lib/peakRss');

async function main() {
  const { candidate: name, op, key, file, env } = JSON.parse(process.argv[2]);
  const candidate = await createCandidate(name, env);
  const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  if (op === 'upload') await candidate.uploadFile(key, file);
  else if (op === 'download') await candidate.downloadFile(key, file);
  else if (op === 'stream') await candidate.streamToFile(key, file);
  else if (op === 'durable') await candidate.durableFile(key, file);
  else if (op === 'baseline') await candidate.put(key, Buffer.alloc(4096));
  else throw new Error(`unknown op ${op}`);
  const ms = performance.now() - started;
  const bytes = op === 'baseline' ? 4096 : statSync(file).size;
  await candidate.close();
  process.send({ ms, bytes, rssBeforeMiB, maxRssMiB: peakRssMiB() }, () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
