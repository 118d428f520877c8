'use strict';
// The three ways of talking to S3 the benchmarks compare, behind one small interface:
//   element  — storages.AwsS3Type through `app.getElement` (a handle), from an app folder
//   raw      — @aws-sdk/client-s3 with one shared client (lib-storage Upload for large objects)
//   flydrive — flydrive 1.3's S3 driver behind its Disk
// The raw and flydrive clients get the settings the element gives its own client for the same
// endpoint, so the comparison measures the wrappers, not different client configurations.
const { createWriteStream, createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { Agent: HttpAgent } = require('node:http');
const { Agent: HttpsAgent } = require('node:https');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { pipeline } = require('node:stream/promises');
const { envNumber } = require('./envNumber');

const MiB = 1024 * 1024;
// lib-storage's minimum part is 5 MiB.
const PART_SIZE_MIB = envNumber('MTI_BENCH_PART_SIZE_MIB', 8, { min: 5 });
const QUEUE_SIZE = 4;
const TIMEOUT_MS = 60_000;

const awsHost = /(^|\.)amazonaws\.com(\.cn)?$/i;

/** What the element's client gets for this endpoint (see packages/type-aws-s3/src/client). */
function s3ClientConfig(env) {
  const { NodeHttpHandler } = require('@smithy/node-http-handler');
  const url = new URL(
    /^[a-z][a-z0-9+.-]*:\/\//i.test(env.S3_ENDPOINT) ? env.S3_ENDPOINT : `https://${env.S3_ENDPOINT}`,
  );
  const aws = awsHost.test(url.hostname);
  const checksums = aws ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  return {
    region: env.S3_REGION,
    ...(aws ? {} : { endpoint: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` }),
    forcePathStyle: !aws,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_ACCESS_KEY_SECRET },
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      connectionTimeout: 10_000,
      socketTimeout: TIMEOUT_MS,
    }),
  };
}

/** An app folder with one storages.AwsS3Type Instance, as the demo app declares it. */
function writeElementFolder(dir, name, config) {
  mkdirSync(join(dir, 'storages', name), { recursive: true });
  writeFileSync(
    join(dir, 'storages', name, 'e.json'),
    JSON.stringify({ title: `Bench ${name}`, type: 'storages.AwsS3Type' }, null, 2),
  );
  writeFileSync(join(dir, 'storages', name, `${name}.json`), JSON.stringify(config, null, 2));
}

const elementConfig = (extra = {}) => ({
  accessKeyId: '${S3_ACCESS_KEY_ID}',
  accessKeySecret: '${S3_ACCESS_KEY_SECRET}',
  endPoint: '${S3_ENDPOINT}',
  bucketName: '${S3_BUCKET}',
  region: '${S3_REGION:-us-east-1}',
  multipart: { partSizeMiB: PART_SIZE_MIB, queueSize: QUEUE_SIZE },
  ...extra,
});

async function elementCandidate(env) {
  const { loadApp } = require('@mti/loader');
  const dir = mkdtempSync(join(tmpdir(), 'mti-bench-app-'));
  writeElementFolder(dir, 'BenchS3', elementConfig());
  const app = await loadApp(dir, { env, watch: false });
  const s3 = app.getElement('storages.BenchS3');
  // Build the instance now, as raw's candidate requires the SDK and makes its client here: the
  // element loads the SDK and its container on first use (packages/type-aws-s3/src/sdk), and the
  // transfers are timed with module loading excluded. getUrl builds it without a request.
  s3.getUrl('warm-up');
  return {
    name: 'element',
    label: 'mti element (app.getElement)',
    put: (key, bytes) => s3.uploadByFile(key, bytes, 'application/octet-stream'),
    get: (key) => s3.download(key),
    head: (key) => s3.getObject(key),
    delete: (key) => s3.delete(key),
    sign: (key, contentType, expires) => s3.getSignUrl(key, contentType, expires),
    uploadFile: (key, path) => s3.uploadByFile(key, createReadStream(path), 'application/octet-stream'),
    // The element's own way to put an object in a file (since issue 18): parallel ranged GETs, 4
    // at a time by default, checked and renamed into place.
    downloadFile: (key, path) => s3.downloadToFile(key, path),
    // The stream, piped to a file as raw's body is: what a caller that streams elsewhere gets.
    streamToFile: async (key, path) => pipeline(await s3.downloadStream(key), createWriteStream(path)),
    downloadToFile: (key, path, options) => s3.downloadToFile(key, path, options),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function rawCandidate(env, { name = 'raw', label = 'raw @aws-sdk/client-s3 (one client)' } = {}) {
  const {
    S3Client,
    PutObjectCommand,
    GetObjectCommand,
    HeadObjectCommand,
    DeleteObjectCommand,
  } = require('@aws-sdk/client-s3');
  const { Upload } = require('@aws-sdk/lib-storage');
  const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
  const client = new S3Client(s3ClientConfig(env));
  const Bucket = env.S3_BUCKET;
  const getToFile = async (key, path, options) => {
    const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
    await pipeline(out.Body, createWriteStream(path, options));
  };
  return {
    name,
    label,
    client,
    put: (key, bytes) =>
      client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: 'application/octet-stream' })),
    get: async (key) => {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      const chunks = [];
      for await (const chunk of out.Body) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
    head: (key) => client.send(new HeadObjectCommand({ Bucket, Key: key })),
    delete: (key) => client.send(new DeleteObjectCommand({ Bucket, Key: key })),
    sign: (key, contentType, expires) =>
      getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key, ResponseContentType: contentType }), {
        expiresIn: expires,
      }),
    uploadFile: (key, path) =>
      new Upload({
        client,
        params: { Bucket, Key: key, Body: createReadStream(path), ContentType: 'application/octet-stream' },
        partSize: PART_SIZE_MIB * MiB,
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      }).done(),
    downloadFile: (key, path) => getToFile(key, path, {}),
    // The same, then the file's data flushed to the device (the stream fsyncs before it closes),
    // as downloadToFile does before its rename: set beside raw, what durability costs on this
    // machine's disk; beside the element, the rest of downloadToFile.
    durableFile: (key, path) => getToFile(key, path, { flush: true }),
    close: async () => client.destroy(),
  };
}

async function flydriveCandidate(env) {
  const { S3Client } = require('@aws-sdk/client-s3');
  const { Disk } = await import('flydrive');
  const { S3Driver } = await import('flydrive/drivers/s3');
  const client = new S3Client(s3ClientConfig(env));
  // No ACL header: the element sends none either (and not every server knows canned ACLs).
  const disk = new Disk(new S3Driver({ client, bucket: env.S3_BUCKET, visibility: 'private', supportsACL: false }));
  return {
    name: 'flydrive',
    label: 'flydrive 1.3.0 S3 driver (Disk)',
    put: (key, bytes) => disk.put(key, bytes, { contentType: 'application/octet-stream' }),
    get: (key) => disk.getBytes(key),
    head: (key) => disk.getMetaData(key),
    delete: (key) => disk.delete(key),
    sign: (key, contentType, expires) => disk.getSignedUrl(key, { contentType, expiresIn: expires }),
    // One PutObject with the file stream as body: flydrive has no multipart upload.
    uploadFile: (key, path) => disk.putStream(key, createReadStream(path), { contentType: 'application/octet-stream' }),
    downloadFile: async (key, path) => pipeline(await disk.getStream(key), createWriteStream(path)),
    close: async () => client.destroy(),
  };
}

// Raw's download with the checks the element makes of every body (packages/type-aws-s3/src/io):
// its length against Content-Length and, where the ETag is a plain MD5 (every object on s3rver),
// its MD5. Set beside raw, it shows what the checks cost; set beside the element, the wrapper.
async function rawCheckedCandidate(env) {
  const { GetObjectCommand } = require('@aws-sdk/client-s3');
  const { hash } = require('node:crypto');
  const candidate = await rawCandidate(env, {
    name: 'checked',
    label: "raw, checking each body's length and MD5 as the element does",
  });
  const md5Etag = /^"?([0-9a-f]{32})"?$/i;
  return {
    ...candidate,
    get: async (key) => {
      const out = await candidate.client.send(new GetObjectCommand({ Bucket: env.S3_BUCKET, Key: key }));
      const chunks = [];
      for await (const chunk of out.Body) chunks.push(chunk);
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      if (bytes.length !== out.ContentLength)
        throw new Error(`checked: got ${bytes.length} of ${out.ContentLength} bytes`);
      const etag = md5Etag.exec(out.ETag ?? '');
      if (etag !== null && hash('md5', bytes, 'hex') !== etag[1].toLowerCase())
        throw new Error('checked: MD5 mismatch');
      return bytes;
    },
  };
}

// The same raw code on a client of its own: the A/A control. Its ratio to raw is what the bench
// reads as a difference when there is none, the resolution the other ratios have in that run.
const rawControlCandidate = (env) =>
  rawCandidate(env, { name: 'control', label: 'raw again, a second client (A/A control)' });

// The raw code in a process that has also loaded mti's modules, unused: for large uploads, what
// lib-storage's way of sending a stream would cost in the element's process (docs/BENCHMARKS.md,
// finding 4), next to the element's own reused part buffers.
async function rawWithMtiCandidate(env) {
  require('@mti/loader');
  require('@mti/type-aws-s3');
  return rawCandidate(env, { name: 'rawWithMti', label: "raw, in a process with mti's modules loaded (control)" });
}

const factories = {
  raw: rawCandidate,
  element: elementCandidate,
  flydrive: flydriveCandidate,
  control: rawControlCandidate,
  checked: rawCheckedCandidate,
  rawWithMti: rawWithMtiCandidate,
};

/** Builds the named candidates (raw first: ratios are to it). */
async function createCandidates(env, names = ['raw', 'element', 'flydrive']) {
  const built = [];
  for (const name of names) built.push(await factories[name](env));
  return built;
}

module.exports = {
  createCandidates,
  createCandidate: (name, env) => factories[name](env),
  writeElementFolder,
  elementConfig,
  PART_SIZE_MIB,
  QUEUE_SIZE,
  MiB,
};
