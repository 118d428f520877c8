'use strict';
// A TCP proxy in front of the S3 server that caps each connection's throughput, as one
// connection to S3 over the internet is capped far below the link: forked by cappedProxy.js, it
// tells its parent the port over IPC and serves until the parent disconnects. Its own process,
// so that forwarding the bytes does not take CPU from the client under test.
const { createConnection, createServer } = require('node:net');

/** How far a connection may run ahead of its rate after being idle: a few socket reads. */
const BURST_BYTES = 256 * 1024;

/**
 * Forwards `from` to `to` at `bytesPerSecond` at most, as a token bucket: each chunk spends its
 * bytes; when the bucket is in debt, reading pauses until the rate has paid it back. Reading also
 * pauses while `to` is full, so the proxy holds no more than a chunk or two per connection.
 */
function forward(from, to, bytesPerSecond) {
  let tokens = BURST_BYTES;
  let last = performance.now();
  let waiting = 0;
  const resume = () => {
    waiting--;
    if (waiting === 0) from.resume();
  };
  from.on('data', (chunk) => {
    const now = performance.now();
    tokens = Math.min(BURST_BYTES, tokens + ((now - last) / 1000) * bytesPerSecond);
    last = now;
    tokens -= chunk.length;
    const full = !to.write(chunk);
    if (full) {
      waiting++;
      from.pause();
      to.once('drain', resume);
    }
    if (bytesPerSecond !== Infinity && tokens < 0) {
      waiting++;
      from.pause();
      setTimeout(resume, (-tokens / bytesPerSecond) * 1000);
    }
  });
  from.on('end', () => to.end());
}

function main() {
  const { targetPort, bytesPerSecond } = JSON.parse(process.argv[2]);
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) socket.on('error', () => {});
    forward(client, upstream, bytesPerSecond);
    forward(upstream, client, bytesPerSecond);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

main();
