import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { UploadProgress } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { type CountingS3Type, countingTypeRecord } from './support/CountingS3Type';
import { runPrefix, tiers, type TierServer } from './support/tiers';

const MiB = 1024 * 1024;

/** A stream of unknown length, in uneven chunks, as a socket or a pipe would deliver. */
function unevenStream(data: Buffer): Readable {
  return Readable.from(
    (function* () {
      let offset = 0;
      for (let i = 0; offset < data.length; i++) {
        const size = [1, 777, 65_536, 1_000_003, 13][i % 5] as number;
        yield data.subarray(offset, offset + size);
        offset += size;
      }
    })(),
  );
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe.each(tiers)('streams and multipart on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  let s3: AwsS3Type;
  let sent: CountingS3Type;
  const run = runPrefix();

  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([
      countingTypeRecord,
      {
        ...s3Record(server, { prefix: run, multipart: { partSizeMiB: 5, queueSize: 2 }, timeoutMs: 62_000 }),
        declaration: { title: 'Counted', type: 'storages.CountingType' },
      },
    ]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
    sent = (await app.getElement<CountingS3Type>('storages.MyS3').self()) as CountingS3Type;
    sent.startCounting();
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it.each([
    ['empty', 0],
    ['small', 3_000],
    ['just over one part', 5 * MiB + 1],
    ['several parts', 12 * MiB + 123],
  ])('round-trips a %s stream of unknown length byte for byte', async (_label, size) => {
    const data = randomBytes(size);
    const partsBefore = sent.count('UploadPartCommand');
    const result = await s3.uploadByFile(`s/${size}.bin`, unevenStream(data), 'application/octet-stream');
    expect(result.size).toBe(size);
    const back = await s3.download(`s/${size}.bin`);
    expect(back.length).toBe(size);
    expect(sha(back)).toBe(sha(data));
    expect((await s3.getObject(`s/${size}.bin`)).size).toBe(size);
    // Streams always go through lib-storage; more than one part means a multipart upload.
    const parts = Math.ceil(size / (5 * MiB));
    expect(sent.count('UploadPartCommand') - partsBefore).toBe(parts > 1 ? parts : 0);
  });

  it('sends a Buffer above the part size as multipart, reporting progress per part', async () => {
    const data = randomBytes(11 * MiB);
    const progress: UploadProgress[] = [];
    const partsBefore = sent.count('UploadPartCommand');
    const result = await s3.uploadByFile('m/big.bin', data, 'application/x-test', {
      onProgress: (p) => progress.push(p),
    });
    expect(sent.count('UploadPartCommand') - partsBefore).toBe(3);
    expect(result).toMatchObject({ size: data.length, contentType: 'application/x-test' });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    const loaded = progress.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ loaded: data.length, total: data.length });
    expect(sha(await s3.download('m/big.bin'))).toBe(sha(data));
    expect((await s3.getObject('m/big.bin')).contentType).toBe('application/x-test');
  });

  it('reports progress for a stream, total unknown until the end', async () => {
    const data = randomBytes(7 * MiB);
    const progress: UploadProgress[] = [];
    await s3.uploadByFile('m/stream.bin', unevenStream(data), 'application/octet-stream', {
      onProgress: (p) => progress.push(p),
    });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)?.loaded).toBe(data.length);
  });

  it('reports one progress event for a single-request upload', async () => {
    const progress: UploadProgress[] = [];
    const putsBefore = sent.count('PutObjectCommand');
    await s3.uploadByFile('m/one.txt', 'tiny', 'text/plain', { onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([{ loaded: 4, total: 4 }]);
    expect(sent.count('PutObjectCommand') - putsBefore).toBe(1);
  });

  it('streams a multipart object back down intact', async () => {
    const data = randomBytes(6 * MiB + 5);
    await s3.uploadByFile('m/down.bin', data);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of await s3.downloadStream('m/down.bin')) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    expect(bytes).toBe(data.length);
    expect(hash.digest('hex')).toBe(sha(data));
  });

  it('fails the upload, not the process, when the source stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk read failed'));
      },
    });
    await expect(s3.uploadByFile('m/broken.bin', failing)).rejects.toMatchObject({
      operation: 'uploadByFile',
      key: 'm/broken.bin',
    });
    expect(await s3.exists('m/broken.bin')).toBe(false);
  });
});
