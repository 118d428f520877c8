import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { StorageError, type UploadProgress } from '@mti/core';
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
    ['1 MiB (kept as its chunks up to there)', MiB],
    ['between 1 MiB and a part', 3 * MiB + 5],
    ['exactly one part', 5 * MiB],
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
    // A stream longer than one part goes up as a multipart upload, one that fits as one PutObject.
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

  it('reports progress for a stream, the total only once the stream has ended', async () => {
    const data = randomBytes(12 * MiB);
    const progress: UploadProgress[] = [];
    const source = unevenStream(data);
    let atEnd = -1;
    source.on('end', () => (atEnd = progress.length));
    await s3.uploadByFile('m/stream.bin', source, 'application/octet-stream', {
      onProgress: (p) => progress.push(p),
    });
    // One call per stored part (5 + 5 + 2 MiB), in the order the server acknowledges them, which
    // under load need not be the order they were sent in.
    const loaded = progress.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    const steps = loaded.map((value, i) => value - (loaded[i - 1] ?? 0)).sort((a, b) => a - b);
    expect(steps).toEqual([2 * MiB, 5 * MiB, 5 * MiB]);
    // No total while the stream is still being read; the total from its end on.
    expect(atEnd).toBeGreaterThanOrEqual(0);
    expect(progress.slice(0, atEnd).every((p) => p.total === undefined)).toBe(true);
    expect(progress.slice(atEnd).every((p) => p.total === data.length)).toBe(true);
    expect(progress.at(-1)).toEqual({ loaded: data.length, total: data.length });
  });

  it('reports the total of a file stream from the first part on, honouring start and end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mti-stream-'));
    try {
      const data = randomBytes(11 * MiB);
      writeFileSync(join(dir, 'f.bin'), data);
      const whole: UploadProgress[] = [];
      await s3.uploadByFile('m/file.bin', createReadStream(join(dir, 'f.bin')), 'application/octet-stream', {
        onProgress: (p) => whole.push(p),
      });
      expect(whole.map((p) => p.total)).toEqual([data.length, data.length, data.length]);
      const slice: UploadProgress[] = [];
      const sliced = createReadStream(join(dir, 'f.bin'), { start: 1000, end: 6 * MiB });
      const result = await s3.uploadByFile('m/slice.bin', sliced, 'application/octet-stream', {
        onProgress: (p) => slice.push(p),
      });
      expect(result.size).toBe(6 * MiB - 999);
      expect(slice.at(-1)).toEqual({ loaded: 6 * MiB - 999, total: 6 * MiB - 999 });
      expect(sha(await s3.download('m/slice.bin'))).toBe(sha(data.subarray(1000, 6 * MiB + 1)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a file stream nothing has read yet', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'mti-file-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['empty', 0, {}],
      ['small', 300 * 1024, {}],
      ['exactly one part', 5 * MiB, {}],
      ['of several parts', 12 * MiB + 123, {}],
      ['sliced by start and end', 12 * MiB + 123, { start: 4097, end: 11 * MiB }],
    ])(
      'goes up %s by positioned reads into the part buffers, then is closed',
      async (_label, size, range: { start?: number; end?: number }) => {
        const data = randomBytes(size);
        const path = join(dir, `f-${size}-${range.start ?? 0}.bin`);
        writeFileSync(path, data);
        const expected = data.subarray(range.start ?? 0, range.end === undefined ? undefined : range.end + 1);
        const source = createReadStream(path, range);
        const closed = new Promise<void>((resolve) => source.once('close', () => resolve()));
        const partsBefore = sent.partMemory.length;
        const putsBefore = sent.putMemoryBytes.length;
        const result = await s3.uploadByFile(`f/${size}-${range.start ?? 0}.bin`, source);
        expect(result.size).toBe(expected.length);
        // Not one chunk went through the stream: the file was read in place.
        expect(source.bytesRead).toBe(0);
        await closed;
        expect(source.destroyed).toBe(true);
        expect(sha(await s3.download(`f/${size}-${range.start ?? 0}.bin`))).toBe(sha(expected));
        const parts = sent.partMemory.slice(partsBefore);
        expect(parts).toHaveLength(expected.length > 5 * MiB ? Math.ceil(expected.length / (5 * MiB)) : 0);
        expect(new Set(parts).size).toBe(Math.min(parts.length, 2));
        // A file that fits in one request costs its own size (a read-ahead at most), not a part.
        for (const bytes of sent.putMemoryBytes.slice(putsBefore))
          expect(bytes).toBeLessThan(expected.length + 128 * 1024);
      },
    );

    it('is read through the stream, as before, once something listens to it', async () => {
      const data = randomBytes(6 * MiB + 11);
      const path = join(dir, 'listened.bin');
      writeFileSync(path, data);
      const source = createReadStream(path);
      let seen = 0;
      source.on('data', (chunk) => (seen += chunk.length));
      await s3.uploadByFile('f/listened.bin', source);
      expect(seen).toBe(data.length);
      expect(source.bytesRead).toBe(data.length);
      expect(sha(await s3.download('f/listened.bin'))).toBe(sha(data));
    });

    it('fails with the error of opening a file that is not there, and stores nothing', async () => {
      const error = await s3.uploadByFile('f/missing.bin', createReadStream(join(dir, 'missing.bin'))).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(StorageError.is(error)).toBe(true);
      expect(error).toMatchObject({ operation: 'uploadByFile', key: 'f/missing.bin' });
      expect(String((error as Error).cause)).toContain('ENOENT');
      expect(await s3.exists('f/missing.bin')).toBe(false);
    });
  });

  it('sends a stream that fits in one request from its own chunks, not from a part-sized buffer', async () => {
    const data = randomBytes(300 * 1024);
    const putsBefore = sent.putMemoryBytes.length;
    await s3.uploadByFile('m/small-stream.bin', unevenStream(data), 'application/octet-stream');
    await s3.uploadByFile('m/one-chunk.bin', Readable.from([data]), 'application/octet-stream');
    const memory = sent.putMemoryBytes.slice(putsBefore);
    expect(memory).toHaveLength(2);
    // The part size is 5 MiB in this app; the bodies hold the data and no more than that.
    for (const bytes of memory) expect(bytes).toBeLessThan(MiB);
    expect(sha(await s3.download('m/small-stream.bin'))).toBe(sha(data));
    expect(sha(await s3.download('m/one-chunk.bin'))).toBe(sha(data));
  });

  it('sends a stream of any length from queueSize part buffers, filled again once their part is stored', async () => {
    const data = randomBytes(31 * MiB + 7);
    const partsBefore = sent.partMemory.length;
    await s3.uploadByFile('m/reused.bin', unevenStream(data), 'application/octet-stream');
    const memory = sent.partMemory.slice(partsBefore);
    expect(memory).toHaveLength(7);
    // queueSize is 2 in this app: two buffers for seven parts, and no part overwritten early.
    expect(new Set(memory).size).toBe(2);
    expect(sha(await s3.download('m/reused.bin'))).toBe(sha(data));
  });

  it('stores the UTF-8 bytes of a stream that gives strings', async () => {
    const text = 'grüße, ' + 'é'.repeat(3 * MiB);
    const source = Readable.from([Buffer.from(text, 'utf8')]).setEncoding('utf8');
    await s3.uploadByFile('m/text.txt', source, 'text/plain');
    expect((await s3.download('m/text.txt')).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it.each([
    ['within the first part', 0],
    ['after a part has been sent', 6 * MiB],
  ])(
    'refuses a stream that gives objects %s: INVALID_ARGUMENT on data, the stream ended, nothing stored',
    async (_label, before) => {
      const key = `m/objects-${before}.bin`;
      const source = Readable.from(
        (function* () {
          yield randomBytes(before);
          yield { not: 'bytes' };
          yield randomBytes(MiB);
        })(),
      );
      const error = await s3.uploadByFile(key, source).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(StorageError.is(error)).toBe(true);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'data', key, operation: 'uploadByFile' });
      expect((error as Error).message).toMatch(/chunk of object, not bytes or a string/);
      expect(source.destroyed).toBe(true);
      expect(await s3.exists(key)).toBe(false);
    },
  );

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
