import type { App } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { verifySigV4 } from '../../cli/src/embedded/verifySigV4';
import { buildApp } from './support/buildApp';
import { r2AccountId, r2Keys, r2Record, typedRecord } from './support/serviceRecords';

// Signing needs no network: each URL is checked offline with the SigV4 verifier of the embedded
// server (written from AWS's description, independently of the SDK that signs here).

const minioKeys = { accessKeyId: 'minio-admin', accessKeySecret: 'minio-SECRET-0009' };
const credentials = (keys: { accessKeyId: string; accessKeySecret: string }) => ({
  accessKeyId: keys.accessKeyId,
  secretAccessKey: keys.accessKeySecret,
});

/** verifySigV4's verdict on a presigned URL sent as it is to its own host (or another one). */
function verdict(
  url: string,
  keys: { accessKeyId: string; accessKeySecret: string },
  options: { method?: string; host?: string; headers?: Record<string, string> } = {},
) {
  const parsed = new URL(url);
  return verifySigV4(
    {
      method: options.method ?? 'GET',
      url: parsed.pathname + parsed.search,
      // As a server receives them: names in lower case.
      headers: Object.fromEntries(
        Object.entries({ host: options.host ?? parsed.host, ...options.headers }).map(([name, value]) => [
          name.toLowerCase(),
          value,
        ]),
      ),
    },
    credentials(keys),
  );
}

/** The credential scope's region: `<key id>/<day>/<region>/s3/aws4_request`. */
const scopeRegion = (url: string): string | undefined =>
  new URL(url).searchParams.get('X-Amz-Credential')?.split('/')[2];

const opened: App[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});
function element(record: ReturnType<typeof typedRecord>): AwsS3Type {
  const app = buildApp([record]);
  opened.push(app);
  return app.getElement<AwsS3Type>(record.folder.replace('/', '.'));
}

describe('storages.CloudflareR2Type presigned URLs', () => {
  const r2 = (config: Record<string, unknown> = {}) =>
    element(r2Record({ ...r2Keys, accountId: r2AccountId, bucketName: 'media', ...config }));

  it('address the bucket as a virtual host of the account endpoint, signed for region auto', async () => {
    const url = await r2().getSignUrl('docs/a b.pdf', 'application/pdf', 600);
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('https:');
    expect(parsed.host).toBe(`media.${r2AccountId}.r2.cloudflarestorage.com`);
    expect(parsed.pathname).toBe('/docs/a%20b.pdf');
    expect(scopeRegion(url)).toBe('auto');
    expect(verdict(url, r2Keys)).toBeUndefined();
  });

  it('are refused with another secret, on another host, or with a changed response type', async () => {
    const url = await r2().getSignUrl('docs/a.pdf', 'application/pdf');
    expect(verdict(url, { ...r2Keys, accessKeySecret: 'another-secret' })?.code).toBe('SignatureDoesNotMatch');
    expect(verdict(url, r2Keys, { host: `${r2AccountId}.r2.cloudflarestorage.com` })?.code).toBe(
      'SignatureDoesNotMatch',
    );
    const retyped = new URL(url);
    retyped.searchParams.set('response-content-type', 'text/html');
    expect(verdict(retyped.toString(), r2Keys)?.code).toBe('SignatureDoesNotMatch');
  });

  it("go to the jurisdiction's endpoint", async () => {
    const url = await r2({ jurisdiction: 'eu' }).getSignUrl('a.pdf', 'application/pdf');
    expect(new URL(url).host).toBe(`media.${r2AccountId}.eu.r2.cloudflarestorage.com`);
    expect(scopeRegion(url)).toBe('auto');
    expect(verdict(url, r2Keys)).toBeUndefined();
  });

  it('put the bucket in the path with forcePathStyle', async () => {
    const url = await r2({ forcePathStyle: true }).getSignUrl('docs/a.pdf', 'application/pdf');
    const parsed = new URL(url);
    expect(parsed.host).toBe(`${r2AccountId}.r2.cloudflarestorage.com`);
    expect(parsed.pathname).toBe('/media/docs/a.pdf');
    expect(verdict(url, r2Keys)).toBeUndefined();
  });

  it('sign uploads with their Content-Type, and carry no ACL, checksum or encryption parameter', async () => {
    const upload = await r2().getSignUploadUrl('up/a.png', 'image/png');
    const query = [...new URL(upload.url).searchParams.keys()].map((name) => name.toLowerCase());
    expect(query.filter((name) => /acl|grant|checksum|server-side-encryption|x-amz-trailer/.test(name))).toEqual([]);
    expect(scopeRegion(upload.url)).toBe('auto');
    expect(verdict(upload.url, r2Keys, { method: 'PUT', headers: upload.headers })).toBeUndefined();
    expect(verdict(upload.url, r2Keys, { method: 'PUT', headers: { 'content-type': 'text/html' } })?.code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('agree with getUrl on where the object is', async () => {
    const storage = r2();
    const signed = new URL(await storage.getSignUrl('docs/a.pdf', 'application/pdf'));
    expect(storage.getUrl('docs/a.pdf')).toBe(`${signed.origin}${signed.pathname}`);
    const pathStyle = r2({ forcePathStyle: true });
    const signedPath = new URL(await pathStyle.getSignUrl('docs/a.pdf', 'application/pdf'));
    expect(pathStyle.getUrl('docs/a.pdf')).toBe(`${signedPath.origin}${signedPath.pathname}`);
  });
});

describe('storages.MinioType presigned URLs', () => {
  const minio = (config: Record<string, unknown> = {}) =>
    element(
      typedRecord('storages/MyMinio', 'storages.MinioType', {
        ...minioKeys,
        endPoint: 'https://minio.example.com:9000',
        bucketName: 'uploads',
        ...config,
      }),
    );

  it('put the bucket in the path of the server address, signed for us-east-1 by default', async () => {
    const url = await minio().getSignUrl('docs/a.pdf', 'application/pdf');
    const parsed = new URL(url);
    expect(parsed.host).toBe('minio.example.com:9000');
    expect(parsed.pathname).toBe('/uploads/docs/a.pdf');
    expect(scopeRegion(url)).toBe('us-east-1');
    expect(verdict(url, minioKeys)).toBeUndefined();
    expect(verdict(url, minioKeys, { host: 'uploads.minio.example.com:9000' })?.code).toBe('SignatureDoesNotMatch');
  });

  it("sign for the server's own region when one is set", async () => {
    const url = await minio({ region: 'eu-central-1' }).getSignUrl('a.pdf', 'application/pdf');
    expect(scopeRegion(url)).toBe('eu-central-1');
    expect(verdict(url, minioKeys)).toBeUndefined();
  });

  it('address a virtual host when forcePathStyle is false (MINIO_DOMAIN servers)', async () => {
    const storage = minio({ forcePathStyle: false });
    const url = await storage.getSignUrl('docs/a.pdf', 'application/pdf');
    const parsed = new URL(url);
    expect(parsed.host).toBe('uploads.minio.example.com:9000');
    expect(parsed.pathname).toBe('/docs/a.pdf');
    expect(verdict(url, minioKeys)).toBeUndefined();
    expect(storage.getUrl('docs/a.pdf')).toBe(`${parsed.origin}${parsed.pathname}`);
  });

  it('sign uploads with their Content-Type', async () => {
    const upload = await minio().getSignUploadUrl('up/a.png', 'image/png');
    expect(new URL(upload.url).pathname).toBe('/uploads/up/a.png');
    expect(verdict(upload.url, minioKeys, { method: 'PUT', headers: upload.headers })).toBeUndefined();
  });
});
