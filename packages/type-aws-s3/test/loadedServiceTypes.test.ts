import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApp } from '@mti/loader';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { r2AccountId } from './support/serviceRecords';
import { type RunningS3rver, startS3rver } from './support/startS3rver';

// An app folder declares MinIO and R2 Instances with e.json alone: loadApp gives every app the
// package's registrations, so `"type": "storages.MinioType"` needs no code of the app's own.

let appDir: string;
let s3rver: RunningS3rver;

async function write(file: string, value: unknown): Promise<void> {
  await mkdir(join(appDir, file, '..'), { recursive: true });
  await writeFile(join(appDir, file), JSON.stringify(value));
}

beforeAll(async () => {
  s3rver = await startS3rver(['uploads']);
  appDir = await mkdtemp(join(tmpdir(), 'mti-service-types-'));
  await write('storages/Files/e.json', { title: 'Files on MinIO', type: 'storages.MinioType' });
  await write('storages/Files/Files.json', {
    endPoint: '${MINIO_ENDPOINT}',
    bucketName: 'uploads',
    accessKeyId: '${MINIO_ACCESS_KEY}',
    accessKeySecret: '${MINIO_SECRET_KEY}',
  });
  await write('storages/Media/e.json', { title: 'Media on R2', type: 'storages.CloudflareR2Type' });
  await write('storages/Media/Media.json', {
    accountId: '${R2_ACCOUNT_ID}',
    jurisdiction: 'eu',
    bucketName: 'media',
    accessKeyId: '${R2_ACCESS_KEY_ID}',
    accessKeySecret: '${R2_SECRET_ACCESS_KEY}',
  });
  await write('storages/Bad/e.json', { title: 'R2 with a region', type: 'storages.CloudflareR2Type' });
  await write('storages/Bad/Bad.json', { accountId: '${R2_ACCOUNT_ID}', bucketName: 'media', region: 'us-east-1' });
});
afterAll(async () => {
  await rm(appDir, { recursive: true, force: true });
  await s3rver.stop();
});

it('loadApp builds Instances of storages.MinioType and storages.CloudflareR2Type from their folders', async () => {
  const app = await loadApp(appDir, {
    env: {
      MINIO_ENDPOINT: s3rver.endpoint,
      MINIO_ACCESS_KEY: 'S3RVER',
      MINIO_SECRET_KEY: 'S3RVER',
      R2_ACCOUNT_ID: r2AccountId,
      R2_ACCESS_KEY_ID: 'r2-key-id',
      R2_SECRET_ACCESS_KEY: 'r2-SECRET-0011',
    },
  });
  try {
    const status = new Map(app.listElements().map((element) => [element.fullName, element]));
    expect(status.get('storages.Files')).toMatchObject({
      kind: 'instance',
      type: 'storages.MinioType',
      status: 'ready',
    });
    expect(status.get('storages.Media')).toMatchObject({
      kind: 'instance',
      type: 'storages.CloudflareR2Type',
      status: 'ready',
    });
    expect(status.get('storages.Bad')?.error).toMatchObject({
      code: 'INVALID_CONFIG',
      field: 'region',
      file: 'storages/Bad/Bad.json',
    });

    const files = app.getElement<AwsS3Type>('storages.Files');
    const stored = await files.uploadByFile('a/b.txt', 'through MinioType', 'text/plain');
    expect(stored.url).toBe(`${s3rver.endpoint}/uploads/a/b.txt`);
    expect((await files.download('a/b.txt')).toString()).toBe('through MinioType');

    const media = app.getElement<AwsS3Type>('storages.Media');
    expect(new URL(media.getUrl('a.png')).host).toBe(`media.${r2AccountId}.eu.r2.cloudflarestorage.com`);
  } finally {
    await app.close();
  }
});
