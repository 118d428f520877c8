// Loaded as CommonJS.
'use strict';
const assert = require('node:assert/strict');
const { join } = require('node:path');
const { startEmbeddedS3 } = require('@mti/cli');
const { loadApp } = require('@mti/loader');
const { StorageError } = require('@mti/core');

(async () => {
  const dir = join(__dirname, 'app');
  const embedded = await startEmbeddedS3(dir);
  const app = await loadApp(dir, { env: embedded.env });
  try {
    const s3 = app.getElement('storages.MyS3');
    await s3.uploadByFile('cjs.txt', Buffer.from('from CommonJS'), 'text/plain');
    assert.equal((await s3.download('tenant-a/cjs.txt')).toString(), 'from CommonJS');
    const signed = await fetch(await s3.getSignUrl('tenant-a/cjs.txt', 'text/plain', 60));
    assert.equal(await signed.text(), 'from CommonJS');
    const missing = await s3.download('nope.txt').catch((error) => error);
    assert.ok(StorageError.is(missing) && missing.code === 'NOT_FOUND');
    console.log('cjs: upload, download, signed URL and a typed error ok');
  } finally {
    await app.close();
    await embedded.stop();
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
