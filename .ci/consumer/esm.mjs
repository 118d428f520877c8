// Loaded as an ES module: the packages are CommonJS, and their named exports must come through.
import assert from 'node:assert/strict';
import { startEmbeddedS3 } from '@mti/cli';
import { loadApp } from '@mti/loader';

const dir = new URL('./app', import.meta.url).pathname;
const embedded = await startEmbeddedS3(dir);
const app = await loadApp(dir, { env: embedded.env });
try {
  const s3 = app.getElement('storages.MyS3');
  const uploaded = await s3.uploadByFile('esm.txt', 'from an ES module', 'text/plain');
  assert.equal(uploaded.key, 'tenant-a/esm.txt');
  assert.equal((await s3.download('tenant-a/esm.txt')).toString(), 'from an ES module');
  const signed = await fetch(await s3.getSignUrl('tenant-a/esm.txt', 'text/plain', 60));
  assert.equal(signed.status, 200);
  assert.equal(await signed.text(), 'from an ES module');
  console.log('esm: upload, download and signed URL ok');
} finally {
  await app.close();
  await embedded.stop();
}
