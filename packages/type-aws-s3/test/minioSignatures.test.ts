import { StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp } from './support/buildApp';
import { minioRecord } from './support/serviceRecords';
import { describeVerifying, runPrefix, type TierServer } from './support/tiers';

// Signing as storages.MinioType does it (path style, its default region) checked by a server
// that verifies SigV4: Ceph RGW, the tier that stands in for MinIO here.
describeVerifying('storages.MinioType signatures on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  let minio: AwsS3Type;

  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([
      minioRecord(server, { prefix: runPrefix() }),
      minioRecord(server, { accessKeySecret: 'not-the-secret' }, 'storages/WrongKey'),
    ]);
    minio = app.getElement<AwsS3Type>('storages.MyMinio');
    await minio.uploadByFile('doc.txt', 'signed', 'text/plain');
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('are accepted as made, refused when tampered with', async () => {
    const url = await minio.getSignUrl('doc.txt', 'text/plain');
    expect(new URL(url).pathname.startsWith(`/${server.bucketName}/`)).toBe(true);
    const good = await fetch(url);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('signed');
    const tampered = new URL(url);
    tampered.searchParams.set('response-content-type', 'text/html');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('refuse a signed upload sent with another Content-Type', async () => {
    const signed = await minio.getSignUploadUrl('up.png', 'image/png');
    expect(
      (await fetch(signed.url, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: 'x' })).status,
    ).toBe(403);
    expect((await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: 'png' })).status).toBe(200);
  });

  it('with a wrong secret, every call is ACCESS_DENIED', async () => {
    const error = await app
      .getElement<AwsS3Type>('storages.WrongKey')
      .exists('doc.txt')
      .catch((e: unknown) => e);
    expect(StorageError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ACCESS_DENIED', storageType: 'storages.MinioType' });
  });
});
