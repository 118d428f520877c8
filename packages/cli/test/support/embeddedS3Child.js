// The embedded S3 server of the built package, alone in a process that a test can SIGKILL
// mid-write: prints one line of JSON (`{ endpoint, env }`) once it listens, then serves until it
// is killed. Run with --openssl-legacy-provider, as the mti command runs itself.
'use strict';
const { startEmbeddedS3 } = require('../../dist/index.js');

async function main() {
  const embedded = await startEmbeddedS3(process.argv[2], { env: {} });
  process.stdout.write(`${JSON.stringify({ endpoint: embedded.endpoint, env: embedded.env })}\n`);
  process.on('SIGTERM', () => void embedded.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
