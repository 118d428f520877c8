import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElementError, StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { runPrefix, tiers, type TierServer } from './support/tiers';

// The seed document's Quick Start and usage examples, in TypeScript, in the seed's order.
describe.each(tiers)('seed examples on $name', (tier) => {
  let server: TierServer;
  let s3: AwsS3Type;
  let close: () => Promise<void>;
  const run = runPrefix();
  const files = mkdtempSync(join(tmpdir(), 'mti-seed-'));

  beforeAll(async () => {
    server = await tier.start();
    const app = buildApp([s3Record(server, { prefix: run })]);
    close = () => app.close();
    // Get AWS S3 storage instance
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
  });
  afterAll(async () => {
    await close();
    await server.stop();
  });

  it('Quick Start: upload a file, download it, delete it', async () => {
    writeFileSync(join(files, 'example.txt'), 'example text\n');
    const result = await s3.uploadByFile('folder/example.txt', readFileSync(join(files, 'example.txt')), 'text/plain');
    expect(result.url).toBe(`${server.endpoint}/${server.bucketName}/${run}/folder/example.txt`);
    const fileData = await s3.download('folder/example.txt');
    expect(fileData.toString()).toBe('example text\n');
    await s3.delete('folder/example.txt');
    expect(await s3.exists('folder/example.txt')).toBe(false);
  });

  it('uploadByFile: an image and a document', async () => {
    const avatar = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]);
    const result = await s3.uploadByFile('users/avatar.jpg', avatar, 'image/jpeg');
    const avatarUrl = result.url;
    expect(avatarUrl).toMatch(/\/users\/avatar\.jpg$/);
    expect(result).toMatchObject({
      key: 'users/avatar.jpg',
      bucket: server.bucketName,
      size: avatar.length,
      contentType: 'image/jpeg',
      storageClass: 'STANDARD',
    });
    expect(result.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const pdf = await s3.uploadByFile('docs/document.pdf', Buffer.from('%PDF-1.7 ...'), 'application/pdf');
    expect(pdf.contentType).toBe('application/pdf');
  });

  it('getSignUrl: a temporary URL for an image (600 s) and a document (default 300 s)', async () => {
    const tempUrl = await s3.getSignUrl('users/avatar.jpg', 'image/jpeg', 600);
    const downloadUrl = await s3.getSignUrl('docs/document.pdf', 'application/pdf');
    expect(new URL(tempUrl).searchParams.get('X-Amz-Expires')).toBe('600');
    expect(new URL(downloadUrl).searchParams.get('X-Amz-Expires')).toBe('300');
    const response = await fetch(tempUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]));
  });

  it('download: save to local', async () => {
    const fileData = await s3.download('docs/document.pdf');
    writeFileSync(join(files, 'downloaded_document.pdf'), fileData);
    expect(readFileSync(join(files, 'downloaded_document.pdf'), 'utf8')).toBe('%PDF-1.7 ...');
  });

  it('getObject: file object information', async () => {
    const fileObj = await s3.getObject('users/avatar.jpg');
    expect(fileObj).toMatchObject({
      key: 'users/avatar.jpg',
      size: 9,
      contentType: 'image/jpeg',
      storageClass: 'STANDARD',
      metadata: {},
    });
    expect(fileObj.lastModified).toBeInstanceOf(Date);
    expect(Date.now() - fileObj.lastModified.getTime()).toBeLessThan(10 * 60_000);
  });

  it('delete: an avatar and a temporary file that never existed (idempotent)', async () => {
    expect(await s3.delete('users/avatar.jpg')).toEqual({ key: 'users/avatar.jpg', deleted: true });
    expect(await s3.delete('temp/upload_cache.tmp')).toEqual({ key: 'temp/upload_cache.tmp', deleted: true });
    expect(await s3.exists('users/avatar.jpg')).toBe(false);
  });

  it('exception handling: the error names storage type and element', async () => {
    let caught: unknown;
    try {
      await s3.download('test.txt');
    } catch (e) {
      caught = e;
    }
    expect(StorageError.is(caught)).toBe(true);
    expect(String(caught)).toBe(
      `StorageError: storages.MyS3 (storages.AwsS3Type): download "test.txt" failed: NOT_FOUND: no such object in bucket "${server.bucketName}"`,
    );
  });

  it('batch operations: upload a list, each success reported', async () => {
    const batch: Array<[string, Buffer, string]> = [
      ['file1.txt', Buffer.from('content1'), 'text/plain'],
      ['file2.txt', Buffer.from('content2'), 'text/plain'],
    ];
    const done: string[] = [];
    for (const [name, data, contentType] of batch) {
      try {
        await s3.uploadByFile(`batch/${name}`, data, contentType);
        done.push(name);
      } catch (e) {
        done.push(`failed ${name}: ${String(e)}`);
      }
    }
    expect(done).toEqual(['file1.txt', 'file2.txt']);
    expect((await s3.download('batch/file2.txt')).toString()).toBe('content2');
  });

  it('storage type: a class chosen per upload', async () => {
    // RGW knows only the classes its zone defines; STANDARD is the one every server has.
    const result = await s3.uploadByFile('archive/a.bin', Buffer.from('a'), 'application/octet-stream', {
      storageClass: 'STANDARD',
    });
    expect(result.storageClass).toBe('STANDARD');
  });

  it('security: keys from environment variables', async () => {
    const app = buildApp(
      [
        s3Record(server, {
          accessKeyId: '${AWS_ACCESS_KEY_ID}',
          accessKeySecret: '${AWS_SECRET_ACCESS_KEY}',
          region: '${AWS_REGION:-us-east-1}',
          prefix: run,
        }),
      ],
      {
        AWS_ACCESS_KEY_ID: server.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.accessKeySecret,
      },
    );
    const fromEnv = app.getElement<AwsS3Type>('storages.MyS3');
    expect((await fromEnv.download('batch/file1.txt')).toString()).toBe('content1');
    await app.close();
    const missing = buildApp([s3Record(server, { accessKeySecret: '${AWS_SECRET_ACCESS_KEY}' })], {});
    expect(ElementError.is(missing.listElements().find((e) => e.fullName === 'storages.MyS3')?.error)).toBe(true);
    await missing.close();
  });
});
