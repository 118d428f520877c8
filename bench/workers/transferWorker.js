'use strict';
// One download to a file by one candidate, alone in this process, so its peak RSS is its own:
// `fork(transferWorker.js, [JSON.stringify({ candidate, key, file, env, concurrency, resume })])`
// → IPC `{ ms, bytes, maxRssMiB, resumedFrom }`. candidate: raw (one GetObject piped to the file)
// or element (`downloadToFile` at `concurrency`). With `progress`, it also sends `{ loaded }` at
// every 1/64 of the object, so its parent can kill it part way.
const { statSync } = require('node:fs');
const { createCandidate } = require('../lib/candidates');
const { peakRssMiB } = require('../lib/peakRss');

async function main() {
  const {
    candidate: name,
    key,
    file,
    env,
    concurrency,
    resume = false,
    progress = false,
  } = JSON.parse(process.argv[2]);
  const candidate = await createCandidate(name, env);
  let resumedFrom;
  let reported = 0;
  const onProgress = ({ loaded, total }) => {
    // The first report of a resumed download counts the parts it found on disk.
    resumedFrom ??= loaded;
    if (progress && loaded >= reported + total / 64) {
      reported = loaded;
      process.send({ loaded, total });
    }
  };
  const started = performance.now();
  if (name === 'raw') await candidate.downloadFile(key, file);
  else await candidate.downloadToFile(key, file, { concurrency, resume, onProgress });
  const ms = performance.now() - started;
  const bytes = statSync(file).size;
  await candidate.close();
  process.send({ ms, bytes, resumedFrom, maxRssMiB: peakRssMiB() }, () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
