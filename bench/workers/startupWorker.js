'use strict';
// Start-up of an app folder, in a fresh process: how long until `loadApp` resolves, the RSS
// then, and the first call's latency. `fork(startupWorker.js, [JSON.stringify({ dir, env,
// element })])` → IPC message with the timings (ms) and RSS (MiB).
const startedAt = performance.now(); // ms since the process started (Node's timeOrigin)

async function main() {
  const { dir, env, element, count } = JSON.parse(process.argv[2]);
  const beforeRequire = performance.now();
  const { loadApp } = require('@mti/loader');
  const required = performance.now();
  const app = await loadApp(dir, { env, watch: false });
  const loaded = performance.now();
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  const elements = app.listElements().filter((e) => e.kind === 'instance');
  const bad = elements.filter((e) => e.status !== 'ready');
  if (elements.length !== count || bad.length > 0) {
    throw new Error(`expected ${count} good Instances, got ${elements.length} (${bad.length} not ready)`);
  }
  const s3 = app.getElement(element);
  const data = Buffer.alloc(4096, 1);
  const t0 = performance.now();
  await s3.uploadByFile('startup/first.bin', data);
  const firstCall = performance.now() - t0;
  const t1 = performance.now();
  await s3.uploadByFile('startup/second.bin', data);
  const secondCall = performance.now() - t1;
  await app.close();
  process.send(
    {
      boot: startedAt,
      require: required - beforeRequire,
      loadApp: loaded - required,
      ready: loaded,
      rssMiB,
      firstCall,
      secondCall,
    },
    () => process.exit(0),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
