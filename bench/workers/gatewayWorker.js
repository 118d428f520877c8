'use strict';
// An mti gateway alone in this process, so that its peak RSS is its own: an app folder with one
// storages.AwsS3Type element (the large case's settings: parts of 8 MiB, 4 at once), served by
// createGateway from the built @mti/cli. `fork(gatewayWorker.js, [JSON.stringify({ dir, env,
// limits })])` (limits: createGateway's maxUploads, uploadMemory) → IPC `{ port, rssMiB }` once it
// listens; on the message 'report' → IPC `{ maxRssMiB, rssMiB, arrayBuffersMiB }` (peaks, MiB) and exit.
const { loadApp } = require('@mti/loader');
// The built CLI package by path: the bench does not depend on @mti/cli.
const { createGateway } = require('../../packages/cli/dist/index.js');
const { peakRssMiB } = require('../lib/peakRss');

async function main() {
  const { dir, env, limits } = JSON.parse(process.argv[2]);
  const app = await loadApp(dir, { env, watch: false });
  const gateway = createGateway({ app, ...limits });
  const address = await gateway.listen({ port: 0, host: '127.0.0.1' });
  // Where the memory is: buffers (part buffers, request chunks waiting for GC) or the heap.
  let arrayBuffersMiB = 0;
  setInterval(() => {
    arrayBuffersMiB = Math.max(arrayBuffersMiB, process.memoryUsage().arrayBuffers / 2 ** 20);
  }, 20).unref();
  process.on('message', async (message) => {
    if (message !== 'report') return;
    const rssMiB = process.memoryUsage().rss / 2 ** 20;
    const maxRssMiB = peakRssMiB();
    await gateway.close();
    await app.close();
    process.send({ maxRssMiB, rssMiB, arrayBuffersMiB }, () => process.exit(0));
  });
  process.send({ port: Number(new URL(address).port), rssMiB: process.memoryUsage().rss / 2 ** 20 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
