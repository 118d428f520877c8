import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { CountingS3Type, countingTypeRecord } from './support/CountingS3Type';
import { buildApp, s3Record } from './support/buildApp';
import { runPrefix, tiers, type TierServer } from './support/tiers';

async function mapLimit<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

describe.each(tiers)('storages.AwsS3Type methods on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  let s3: AwsS3Type;
  let raw: AwsS3Type;
  const run = runPrefix();

  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([
      s3Record(server, { prefix: run }),
      // The same bucket seen without the prefix, to check where keys really land.
      s3Record(server, {}, 'storages/Raw'),
      countingTypeRecord,
      // Its own timeout gives it its own pooled client, so counting sees only its commands.
      {
        ...s3Record(server, { prefix: `${run}/many`, timeoutMs: 61_000 }, 'storages/Counted'),
        declaration: { title: 'Counted', type: 'storages.CountingType' },
      },
    ]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
    raw = app.getElement<AwsS3Type>('storages.Raw');
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('keeps keys under the configured prefix, transparently', async () => {
    const result = await s3.uploadByFile('p/a.txt', 'under prefix', 'text/plain');
    expect(result.key).toBe('p/a.txt');
    expect((await raw.download(`${run}/p/a.txt`)).toString()).toBe('under prefix');
    expect(await raw.exists('p/a.txt')).toBe(false);
  });

  it('exists: true, then false once deleted', async () => {
    await s3.uploadByFile('e/x', 'x');
    expect(await s3.exists('e/x')).toBe(true);
    await s3.delete('e/x');
    expect(await s3.exists('e/x')).toBe(false);
  });

  it('stores metadata, cache control, content disposition and reports them', async () => {
    await s3.uploadByFile('m/report.csv', 'a,b\n', 'text/csv', {
      metadata: { owner: 'team-a', 'batch-id': '42' },
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="report.csv"',
    });
    const info = await s3.getObject('m/report.csv');
    expect(info).toMatchObject({
      key: 'm/report.csv',
      size: 4,
      contentType: 'text/csv',
      metadata: { owner: 'team-a', 'batch-id': '42' },
    });
    const signed = await fetch(await s3.getSignUrl('m/report.csv', 'text/csv'));
    expect(signed.headers.get('cache-control')).toBe('max-age=60');
    expect(signed.headers.get('content-disposition')).toBe('attachment; filename="report.csv"');
  });

  it('lists by prefix, page by page, and by folder with a delimiter', async () => {
    const names = ['l/a/1.txt', 'l/a/2.txt', 'l/b/3.txt', 'l/4.txt', 'l/5.txt'];
    for (const name of names) await s3.uploadByFile(name, name);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await s3.list('l/', { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...names].sort());
    const folders = await s3.list('l/', { delimiter: '/' });
    expect(folders.prefixes.sort()).toEqual(['l/a/', 'l/b/']);
    expect(folders.items.map((i) => i.key).sort()).toEqual(['l/4.txt', 'l/5.txt']);
    expect(folders.items[0]).toMatchObject({ size: 7, storageClass: 'STANDARD' });
    expect(folders.items[0]?.lastModified).toBeInstanceOf(Date);
    expect((await s3.list('l/none/')).items).toEqual([]);
  });

  it('takes back only its own cursors, for the listing they came from', async () => {
    for (const name of ['cur/a/1', 'cur/a/2', 'cur/a/3', 'cur/b/1', 'cur/b/2']) await s3.uploadByFile(name, name);
    const first = await s3.list('cur/a/', { limit: 1 });
    const cursor = first.nextCursor as string;
    expect((await s3.list('cur/a/', { limit: 1, cursor })).items.map((item) => item.key)).toEqual(['cur/a/2']);
    // The server's own token, as the SDK hands it out (s3rver: base64 of DES; RGW: the last key).
    const rawClient = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.accessKeySecret },
    });
    const token = (
      await rawClient.send(new ListObjectsV2Command({ Bucket: server.bucketName, Prefix: `${run}/cur/a/`, MaxKeys: 1 }))
    ).NextContinuationToken as string;
    rawClient.destroy();
    const tampered = `${cursor.slice(0, 2)}${cursor[2] === 'A' ? 'B' : 'A'}${cursor.slice(3)}`;
    const refused: Array<[string, Promise<unknown>]> = [
      ['another prefix', s3.list('cur/b/', { limit: 1, cursor })],
      ['a delimiter added', s3.list('cur/a/', { limit: 1, cursor, delimiter: '/' })],
      // Another tenant's element asked for the same prefix: a listing under another S3 prefix.
      ['another element', app.getElement<AwsS3Type>('storages.Counted').list('cur/a/', { limit: 1, cursor })],
      ['altered', s3.list('cur/a/', { limit: 1, cursor: tampered })],
      ["the server's token", s3.list('cur/a/', { limit: 1, cursor: token })],
    ];
    for (const [label, call] of refused) {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect({ label, error: StorageError.is(error) && [error.code, error.field, error.operation] }).toEqual({
        label,
        error: ['INVALID_ARGUMENT', 'cursor', 'list'],
      });
    }
  });

  it('stores exactly 2 KB of metadata, the most S3 allows', async () => {
    const metadata = { big: 'v'.repeat(2044), b: '' }; // 3 + 2044 + 1 + 0 bytes
    await s3.uploadByFile('m/full.txt', 'x', 'text/plain', { metadata });
    expect((await s3.getObject('m/full.txt')).metadata).toEqual(metadata);
  });

  it('trims the slashes around a configured prefix', async () => {
    const slashed = buildApp([s3Record(server, { prefix: `/${run}/slashed/` })]);
    try {
      const element = slashed.getElement<AwsS3Type>('storages.MyS3');
      expect((await element.uploadByFile('x.txt', 'trimmed')).key).toBe('x.txt');
      expect((await raw.download(`${run}/slashed/x.txt`)).toString()).toBe('trimmed');
      expect((await element.list('')).items.map((item) => item.key)).toEqual(['x.txt']);
    } finally {
      await slashed.close();
    }
  });

  it('copies and moves', async () => {
    await s3.uploadByFile('c/src.txt', 'copy me', 'text/plain');
    const copied = await s3.copy('c/src.txt', 'c/dst.txt');
    expect(copied).toMatchObject({ from: 'c/src.txt', to: 'c/dst.txt' });
    expect(copied.etag).toMatch(/^"[0-9a-f]+"$/);
    expect((await s3.download('c/dst.txt')).toString()).toBe('copy me');
    expect((await s3.getObject('c/dst.txt')).contentType).toBe('text/plain');
    await s3.move('c/dst.txt', 'c/moved.txt');
    expect(await s3.exists('c/dst.txt')).toBe(false);
    expect((await s3.download('c/moved.txt')).toString()).toBe('copy me');
    expect(await s3.move('c/moved.txt', 'c/moved.txt')).toMatchObject({ from: 'c/moved.txt', to: 'c/moved.txt' });
    await expect(s3.copy('c/missing.txt', 'c/x.txt')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      operation: 'copy',
      key: 'c/missing.txt',
    });
    await expect(s3.move('c/missing.txt', 'c/x.txt')).rejects.toMatchObject({ code: 'NOT_FOUND', operation: 'move' });
  });

  it('deleteMany: batches of at most 1000, one result per key, in order', async () => {
    const counted = app.getElement<CountingS3Type>('storages.Counted');
    const keys = Array.from({ length: 1003 }, (_, i) => `k${i}`);
    await mapLimit(keys, 16, (key) => counted.uploadByFile(key, key));
    const instance = (await counted.self()) as CountingS3Type;
    instance.startCounting();
    const results = await counted.deleteMany([...keys, 'never-existed']);
    expect(instance.count('DeleteObjectsCommand')).toBe(2);
    expect(results).toHaveLength(1004);
    expect(results[0]).toEqual({ key: 'k0', deleted: true });
    expect(results[1003]).toEqual({ key: 'never-existed', deleted: true });
    expect(results.every((r) => r.deleted)).toBe(true);
    expect((await counted.list('')).items).toEqual([]);
  });

  it('getSignUploadUrl: a browser-style PUT lands with its content type', async () => {
    const signed = await s3.getSignUploadUrl('up/photo.png', 'image/png', 120);
    expect(signed.method).toBe('PUT');
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
    const put = await fetch(signed.url, { method: signed.method, headers: signed.headers, body });
    expect(put.status).toBe(200);
    expect(await s3.download('up/photo.png')).toEqual(body);
    expect((await s3.getObject('up/photo.png')).contentType).toBe('image/png');
  });

  it('downloadStream: streams the object back', async () => {
    await s3.uploadByFile('d/s.txt', 'stream me');
    const chunks: Buffer[] = [];
    for await (const chunk of await s3.downloadStream('d/s.txt')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('stream me');
    await expect(s3.downloadStream('d/missing.txt')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      operation: 'downloadStream',
    });
  });

  it('uploads strings as UTF-8 and Uint8Arrays as bytes', async () => {
    await s3.uploadByFile('t/utf8.txt', 'grüße 日本');
    expect((await s3.download('t/utf8.txt')).toString('utf8')).toBe('grüße 日本');
    const view = new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 4);
    expect((await s3.uploadByFile('t/view.bin', view)).size).toBe(3);
    expect(await s3.download('t/view.bin')).toEqual(Buffer.from([8, 7, 6]));
  });
});
