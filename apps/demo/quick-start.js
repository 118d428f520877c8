// The seed's Quick Start against an embedded s3rver: no AWS account needed.
// Run from the repo root with `pnpm quick-start` (it builds the packages first).
'use strict';

const { startEmbeddedS3 } = require('@mti/cli');
const { loadApp } = require('@mti/loader');

async function main() {
  // The embedded server `mti serve --embedded-s3` uses, with the values MyS3.json asks for.
  const embedded = await startEmbeddedS3(__dirname);
  const env = embedded.env;

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
    await embedded.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
