// The seed's Quick Start against an embedded s3rver: no AWS account needed.
// Run from the repo root with `pnpm start` (it builds the packages first).
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const S3rver = require('s3rver');
const { loadApp } = require('@mti/loader');

async function main() {
  const data = mkdtempSync(join(tmpdir(), 'mti-demo-'));
  const bucket = process.env.S3_BUCKET ?? 'mti-demo';
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: data,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  // The values MyS3.json asks for through ${...}: s3rver's built-in account.
  const env = {
    ...process.env,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_ACCESS_KEY_SECRET: 'S3RVER',
    S3_BUCKET: bucket,
  };

  // This folder is the app: storages/MyS3/e.json and MyS3.json become storages.MyS3.
  const app = await loadApp(__dirname, { env });
  try {
    for (const element of app.listElements())
      console.log(`${element.kind.padEnd(8)} ${element.fullName.padEnd(20)} ${element.status}`);
    const s3 = app.getElement('storages.MyS3');

    const result = await s3.uploadByFile('folder/example.txt', Buffer.from('Hello from mti\n'), 'text/plain');
    console.log(`Upload successful, URL: ${result.url}`);
    const signed = await s3.getSignUrl('folder/example.txt', 'text/plain', 600);
    const response = await fetch(signed);
    console.log(
      `Signed URL answers ${response.status} ${response.headers.get('content-type')}: ${JSON.stringify(await response.text())}`,
    );
    console.log(`Downloaded: ${JSON.stringify((await s3.download('folder/example.txt')).toString())}`);
    const info = await s3.getObject('folder/example.txt');
    console.log(`Object: ${info.size} bytes, ${info.contentType}, etag ${info.etag}`);
    await s3.delete('folder/example.txt');
    console.log(`Deleted; exists now: ${await s3.exists('folder/example.txt')}`);
    await s3
      .download('folder/example.txt')
      .catch((error) => console.log(`And a download now fails with ${error.code}: ${error.message}`));
  } finally {
    await app.close();
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
