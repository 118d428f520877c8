// One downloadToFile in a plain Node process of its own, so a test can SIGKILL it mid-download
// as a crash would. Runs the built packages (`pnpm build` first).
//
//   node downloadChild.js <element record JSON> <key> <path> <options JSON>
//
// Sends { progress } for each onProgress call, then { done } or { error: { code, message } }.
'use strict';
const { createApp, storagesMeta } = require('@mti/core');
const { registrations } = require('../../dist/index.js');

const [record, key, path, options] = process.argv.slice(2);
const app = createApp({
  name: 'download-child',
  registrations: [storagesMeta, ...registrations],
  elements: [JSON.parse(record)],
});
const send = (message) => process.connected && process.send(message);

app
  .getElement('storages.MyS3')
  .downloadToFile(key, path, { ...JSON.parse(options), onProgress: (progress) => send({ progress }) })
  .then(
    (done) => send({ done }),
    (error) => send({ error: { code: error.code, message: error.message } }),
  )
  .finally(() => app.close());
