// Runs bad inputs through the built packages in a plain Node process started with
// --unhandled-rejections=strict: a rejection nobody handles would crash it.
'use strict';
const { createApp, storagesMeta } = require('@mti/core');
const { registrations } = require('@mti/type-aws-s3');

async function main() {
  const app = createApp({
    registrations: [storagesMeta, ...registrations],
    env: {},
    elements: [
      {
        folder: 'storages/MyS3',
        declaration: { title: 'x', type: 'storages.AwsS3Type' },
        // Nothing listens on port 1: a request that got through would fail with UNAVAILABLE.
        config: {
          accessKeyId: 'k',
          accessKeySecret: 's',
          endPoint: 'http://127.0.0.1:1',
          bucketName: 'abc',
          region: 'us-east-1',
          maxAttempts: 1,
        },
      },
      { folder: 'storages/Broken', declaration: { title: 'x', type: 'storages.AwsS3Type' }, config: { region: 5 } },
    ],
  });
  const s3 = app.getElement('storages.MyS3');
  const broken = app.getElement('storages.Broken');
  const calls = [
    () => s3.download(''),
    () => s3.download(42),
    () => s3.download('a/../b'),
    () => s3.uploadByFile('a', null),
    () => s3.uploadByFile('a', 'x', 'a\r\nb'),
    () => s3.getSignUrl('a', 'text/plain', 0),
    () => s3.getSignUrl('a', 'text/plain', '300'),
    () => s3.list('', { limit: -1 }),
    () => s3.deleteMany('nope'),
    () => s3.copy('a', '/b'),
    () => broken.download('a'),
    () => broken.uploadByFile('a', 'x'),
    () => s3.download('a'),
  ];
  const codes = [];
  for (const call of calls)
    codes.push(
      await call().then(
        () => 'OK',
        (error) => error.code,
      ),
    );
  if (process.env.MTI_CONTROL_UNHANDLED === '1') void Promise.reject(new Error('deliberately unhandled'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  await app.close();
  process.stdout.write(`${JSON.stringify(codes)}\n`);
}

main();
