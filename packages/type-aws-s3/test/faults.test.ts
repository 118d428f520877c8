import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { closedPort } from './support/faultServers';
import { startS3rverProcess } from './support/s3rverProcess';
import { startTcpProxy } from './support/tcpProxy';
import { describeVerifying, runPrefix, tiers, type TierServer } from './support/tiers';

const MiB = 1024 * 1024;
const s3rverLike = (endpoint: string): TierServer => ({
  endpoint,
  accessKeyId: 'S3RVER',
  accessKeySecret: 'S3RVER',
  bucketName: 'mti-faults',
  region: 'us-east-1',
  verifiesSignatures: false,
  stop: async () => {},
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; detail: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: { code: string; detail: string }) => error,
  );
}

describe('server down, back, restarted', () => {
  it('down at start: UNAVAILABLE within the configured attempts; serving once it is up, no app restart', async () => {
    const endpoint = await closedPort();
    const app = buildApp([s3Record(s3rverLike(endpoint), { maxAttempts: 3 })]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const started = Date.now();
    expect((await failure(s3.download('a.txt'))).code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
    const server = await startS3rverProcess('mti-faults', Number(new URL(endpoint).port));
    try {
      await s3.uploadByFile('a.txt', 'up now');
      expect((await s3.download('a.txt')).toString()).toBe('up now');
    } finally {
      await app.close();
      await server.stop();
    }
  });

  it('restarted (killed, then started again): the next call succeeds on the same app', async () => {
    const server = await startS3rverProcess('mti-faults');
    const app = buildApp([s3Record(s3rverLike(server.endpoint))]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    try {
      await s3.uploadByFile('kept.txt', 'survives');
      await server.kill();
      expect((await failure(s3.download('kept.txt'))).code).toBe('UNAVAILABLE');
      await server.restart();
      // The pooled keep-alive sockets died with the old process; the call must not.
      expect((await s3.download('kept.txt')).toString()).toBe('survives');
      expect(await s3.exists('kept.txt')).toBe(true);
    } finally {
      await app.close();
      await server.stop();
    }
  });
});

describe.each(tiers)('slow and broken responses from $name', (tier) => {
  let server: TierServer;
  const run = runPrefix();
  beforeAll(async () => {
    server = await tier.start();
    const app = buildApp([s3Record(server, { prefix: run })]);
    await app.getElement<AwsS3Type>('storages.MyS3').uploadByFile('big.bin', randomBytes(3 * MiB));
    await app.close();
  });
  afterAll(() => server.stop());

  it('a stalled server: TIMEOUT at timeoutMs, before or during the response', async () => {
    const proxy = await startTcpProxy(Number(new URL(server.endpoint).port), 'stall');
    const app = buildApp([
      s3Record({ ...server, endpoint: proxy.endpoint }, { prefix: run, timeoutMs: 400, maxAttempts: 1 }),
    ]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    try {
      const started = Date.now();
      expect((await failure(s3.getObject('big.bin'))).code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(3_000);
      // Now let the headers through, then stall the body.
      proxy.mode = 'forward';
      const stream = await s3.downloadStream('big.bin');
      proxy.mode = 'stall';
      const during = await failure(
        (async () => {
          for await (const _chunk of stream) void _chunk;
        })(),
      );
      expect(['TIMEOUT', 'UNAVAILABLE']).toContain(during.code);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });

  it('a response cut short: an error, never short data', async () => {
    const proxy = await startTcpProxy(Number(new URL(server.endpoint).port), { cutResponseAfter: 200_000 });
    const app = buildApp([s3Record({ ...server, endpoint: proxy.endpoint }, { prefix: run, maxAttempts: 1 })]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    try {
      expect(['UNAVAILABLE', 'TIMEOUT']).toContain((await failure(s3.download('big.bin'))).code);
      const stream = await s3.downloadStream('big.bin');
      let received = 0;
      const streamed = await failure(
        (async () => {
          for await (const chunk of stream) received += (chunk as Buffer).length;
        })(),
      );
      expect(['UNAVAILABLE', 'TIMEOUT']).toContain(streamed.code);
      expect(received).toBeLessThan(3 * MiB);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });

  it('streamed uploads store the bytes, never aws-chunked framing', async () => {
    const app = buildApp([s3Record(server, { prefix: run })]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const data = Buffer.from('stream-body '.repeat(1000));
    await s3.uploadByFile('framing.txt', Readable.from([data.subarray(0, 5000), data.subarray(5000)]), 'text/plain');
    await app.close();
    // Read back with a plain client, not through the element.
    const raw = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.accessKeySecret },
    });
    const out = await raw.send(new GetObjectCommand({ Bucket: server.bucketName, Key: `${run}/framing.txt` }));
    const stored = Buffer.from(
      await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    raw.destroy();
    expect(stored.equals(data)).toBe(true);
    expect(stored.toString()).not.toMatch(/x-amz-checksum|chunk-signature|\r\n0\r\n/);
  });
});

describeVerifying('a server lost during a multipart upload ($name)', (tier) => {
  // s3rver implements no ListMultipartUploads, so this runs where the server does (RGW). The
  // "death" is a loopback proxy in front of RGW going away and coming back: to the element it
  // is a server that died mid-upload; RGW keeps the parts, as a restarted server would.
  it('fails UNAVAILABLE or TIMEOUT, and leaves no incomplete upload once the server is back', async () => {
    const server = await tier.start();
    const proxy = await startTcpProxy(Number(new URL(server.endpoint).port));
    const key = `${runPrefix()}/lost.bin`;
    const app = buildApp([
      s3Record(
        { ...server, endpoint: proxy.endpoint },
        { multipart: { partSizeMiB: 5, queueSize: 1 }, timeoutMs: 1_000, maxAttempts: 2 },
      ),
    ]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const raw = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.accessKeySecret },
    });
    const incomplete = async (): Promise<number> =>
      ((await raw.send(new ListMultipartUploadsCommand({ Bucket: server.bucketName, Prefix: key }))).Uploads ?? [])
        .length;
    try {
      let killed = false;
      const body = Readable.from(
        (function* () {
          for (let i = 0; i < 8; i++) yield randomBytes(5 * MiB);
        })(),
      );
      const uploading = s3.uploadByFile(key, body, 'application/octet-stream', {
        onProgress: ({ loaded }) => {
          if (!killed && loaded >= 10 * MiB) {
            killed = true;
            void proxy.kill();
          }
        },
      });
      const error = await failure(uploading);
      expect(['UNAVAILABLE', 'TIMEOUT']).toContain(error.code);
      expect(await incomplete()).toBe(1);
      await proxy.revive();
      for (let i = 0; i < 60 && (await incomplete()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await incomplete()).toBe(0);
      expect(await s3.exists(key)).toBe(false);
    } finally {
      raw.destroy();
      await app.close();
      await proxy.stop();
    }
  });
});
