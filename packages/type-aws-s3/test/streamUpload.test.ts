import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { StreamUpload } from '../src/upload/StreamUpload';
import { describeVerifying, runPrefix, tiers, type Tier, type TierServer } from './support/tiers';

// StreamUpload on its own, for what no element config reaches: S3's 10,000-part limit would
// take a 50 GB stream to hit, so these runs lower the limit to 2 parts.
const MiB = 1024 * 1024;

const clientFor = (server: TierServer, checksums: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED' = 'WHEN_REQUIRED'): S3Client =>
  new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.accessKeySecret },
    requestChecksumCalculation: checksums,
  });

const threeParts = (): Readable =>
  Readable.from(
    (function* () {
      for (let i = 0; i < 3; i++) yield randomBytes(5 * MiB);
    })(),
  );

function overTheLimit(tier: Tier, check: (client: S3Client, server: TierServer, key: string) => Promise<void>): void {
  let server: TierServer;
  let client: S3Client;
  beforeAll(async () => {
    server = await tier.start();
    client = clientFor(server);
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it('fails with the caller’s error, ends the source and drops the parts', async () => {
    const key = `${runPrefix()}/too-many-parts.bin`;
    const source = threeParts();
    const upload = new StreamUpload({
      client,
      params: { Bucket: server.bucketName, Key: key },
      source,
      partSize: 5 * MiB,
      queueSize: 2,
      maxParts: 2,
      invalidData: (detail) => Object.assign(new Error(detail), { code: 'TEST_INVALID' }),
    });
    await expect(upload.done()).rejects.toMatchObject({
      code: 'TEST_INVALID',
      message: expect.stringMatching(/longer than 2 parts of 5 MiB.*raise multipart\.partSizeMiB/),
    });
    expect(upload.uploadId).toEqual(expect.any(String));
    expect(source.destroyed).toBe(true);
    await expect(client.send(new HeadObjectCommand({ Bucket: server.bucketName, Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
    await check(client, server, key);
  });
}

describe.each(tiers)('StreamUpload past the part limit on $name', (tier) => {
  overTheLimit(tier, async () => {});
});

describeVerifying('StreamUpload past the part limit leaves no incomplete upload ($name)', (tier) => {
  // s3rver implements no ListMultipartUploads; RGW does. The abort is awaited before the
  // rejection, so nothing is left the moment done() fails.
  overTheLimit(tier, async (client, server, key) => {
    const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: server.bucketName, Prefix: key }));
    expect(listed.Uploads ?? []).toEqual([]);
  });
});

describe.each(tiers)('StreamUpload with the SDK default checksums (as on AWS) on $name', (tier) => {
  let server: TierServer;
  let client: S3Client;
  beforeAll(async () => {
    server = await tier.start();
    client = clientFor(server, 'WHEN_SUPPORTED');
  });
  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  it('asks for CRC32 when creating the upload and sends each part with its own', async () => {
    const key = `${runPrefix()}/crc32.bin`;
    const data = randomBytes(11 * MiB);
    const headers: Array<{ command: string; headers: Record<string, string> }> = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        headers.push({
          command: String(context.commandName),
          headers: (args.request as { headers: Record<string, string> }).headers,
        });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordHeaders' },
    );
    const upload = new StreamUpload({
      client,
      params: { Bucket: server.bucketName, Key: key },
      source: Readable.from([data]),
      partSize: 5 * MiB,
      queueSize: 2,
      invalidData: (detail) => new Error(detail),
    });
    expect((await upload.done()).size).toBe(data.length);
    const create = headers.find((h) => h.command === 'CreateMultipartUploadCommand');
    expect(create?.headers['x-amz-checksum-algorithm']).toBe('CRC32');
    const parts = headers.filter((h) => h.command === 'UploadPartCommand');
    const expected = [0, 1, 2].map((i) => {
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(data.subarray(i * 5 * MiB, (i + 1) * 5 * MiB)));
      return crc.toString('base64');
    });
    expect(parts.map((p) => p.headers['x-amz-checksum-crc32']).sort()).toEqual([...expected].sort());
    const out = await client.send(new GetObjectCommand({ Bucket: server.bucketName, Key: key }));
    const back = Buffer.from(
      await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(back.equals(data)).toBe(true);
  });
});
