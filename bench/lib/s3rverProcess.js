'use strict';
// The embedded s3rver, in a process of its own: forked by embeddedS3.js, it tells its parent
// the port over IPC and serves until the parent disconnects. s3rver does its work (hashing,
// disk writes, XML) on one event loop; in the candidates' process it would compete with them
// for that loop and the figures would measure s3rver as much as the client.
const S3rver = require('s3rver');

async function main() {
  const { directory, bucket } = JSON.parse(process.argv[2]);
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const stop = () => server.close().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.send({ port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
