import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { loadApp } from '@mti/loader';
import { startEmbeddedS3, type EmbeddedS3 } from '../src/embedded/startEmbeddedS3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';

// The embedded server as a curious local user sees it: without the secret this run made, it
// answers nothing, while every kind of request the SDK and the element sign goes through.

let folder: TempApp;
let embedded: EmbeddedS3;
let secret: string;

beforeAll(async () => {
  folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({
      endPoint: '${S3_ENDPOINT}',
      accessKeyId: '${S3_KEY}',
      accessKeySecret: '${S3_SECRET}',
      bucketName: '${S3_BUCKET:-mti-embedded}',
    }),
    // Keys written out: the server will refuse them, and says so up front.
    'storages/Literal/e.json': seedDeclaration,
    'storages/Literal/Literal.json': seedConfig({
      endPoint: '${S3_ENDPOINT}',
      bucketName: 'mti-embedded',
      accessKeyId: 'AKIALITERAL',
      accessKeySecret: 'written-out-secret',
    }),
    // A traversal as a bucket name: nothing may be created for it, anywhere.
    'storages/Escape/e.json': seedDeclaration,
    'storages/Escape/Escape.json': seedConfig({ endPoint: '${S3_ENDPOINT}', bucketName: '../../../escaped' }),
  });
  embedded = await startEmbeddedS3(folder.dir, { env: {} });
  secret = embedded.env.S3_SECRET as string;
});
afterAll(async () => {
  await embedded.stop();
  folder.cleanup();
});

const client = (overrides: Partial<S3ClientConfig['credentials']> = {}): S3Client =>
  new S3Client({
    endpoint: embedded.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: secret, ...overrides },
  });

function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${embedded.endpoint}${path}`, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the embedded S3 server', () => {
  it("makes a secret of its own for the run, not s3rver's well-known one", () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(embedded.env.S3_KEY).toBe('S3RVER');
  });

  it('refuses anonymous, V2-signed and wrongly signed requests', async () => {
    const s3 = client();
    await s3.send(new PutObjectCommand({ Bucket: 'mti-embedded', Key: 'private.txt', Body: 'private' }));
    for (const path of ['/mti-embedded/private.txt', '/mti-embedded?list-type=2', '/']) {
      const anonymous = await rawRequest('GET', path);
      expect(anonymous.status).toBe(403);
      expect(anonymous.body).toContain('<Code>AccessDenied</Code>');
      expect(anonymous.body).not.toContain('private');
    }
    const v2 = await rawRequest('GET', '/mti-embedded/private.txt', { authorization: 'AWS S3RVER:c2lnbmF0dXJl' });
    expect(v2.status).toBe(403);
    // s3rver's own built-in secret, which every s3rver user knows, no longer opens it.
    await expect(
      client({ secretAccessKey: 'S3RVER' }).send(new GetObjectCommand({ Bucket: 'mti-embedded', Key: 'private.txt' })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(
      client({ accessKeyId: 'OTHER' }).send(new GetObjectCommand({ Bucket: 'mti-embedded', Key: 'private.txt' })),
    ).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    s3.destroy();
  });

  it('verifies presigned URLs: right ones work, tampered and expired ones do not', async () => {
    const s3 = client();
    const key = 'signed/a b+c=d&é.txt';
    const put = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: 'mti-embedded', Key: key, ContentType: 'text/plain' }),
      {
        expiresIn: 60,
      },
    );
    expect(
      (await fetch(put, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'signed body' })).status,
    ).toBe(200);
    const get = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'mti-embedded', Key: key }), { expiresIn: 60 });
    const fetched = await fetch(get);
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe('signed body');
    const otherKey = get.replace('signed/', 'signed2/');
    expect((await fetch(otherKey)).status).toBe(403);
    const longer = get.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=600');
    expect((await fetch(longer)).status).toBe(403);
    const dated = new Date(Date.now() - 2 * 3600 * 1000);
    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'mti-embedded', Key: key }), {
      expiresIn: 60,
      signingDate: dated,
    });
    const answer = await fetch(expired);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('expired');
    s3.destroy();
  });

  it('passes what the SDK signs: odd keys, listings with continuation, multipart uploads', async () => {
    const s3 = client();
    const keys = ['list/a b.txt', "list/ü~!*()'.txt", 'list/plus+eq=amp&.txt', 'list/semi;colon,comma.txt'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: 'mti-embedded', Key: key, Body: key }));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: 'mti-embedded', Prefix: 'list/', MaxKeys: 2, ContinuationToken: token }),
      );
      seen.push(...(page.Contents ?? []).map((o) => o.Key as string));
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(seen.sort()).toEqual([...keys].sort());

    const body = Buffer.alloc(11 * 1024 * 1024, 7);
    await new Upload({
      client: s3,
      params: { Bucket: 'mti-embedded', Key: 'big.bin', Body: body },
      partSize: 5 * 1024 * 1024,
    }).done();
    const back = await s3.send(new GetObjectCommand({ Bucket: 'mti-embedded', Key: 'big.bin' }));
    const bytes = Buffer.from(
      await (back.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
    s3.destroy();
  });

  it('serves the app through its variables, and its signed URLs', async () => {
    const app = await loadApp(folder.dir, { env: embedded.env, watch: false });
    try {
      const storage = app.getElement<{
        uploadByFile(name: string, data: Buffer, type: string): Promise<unknown>;
        download(name: string): Promise<Buffer>;
        getSignUrl(name: string, type: string, expires?: number): Promise<string>;
      }>('storages.MyS3');
      await storage.uploadByFile('via-app.txt', Buffer.from('through the element'), 'text/plain');
      expect((await storage.download('via-app.txt')).toString()).toBe('through the element');
      const url = await storage.getSignUrl('via-app.txt', 'text/plain');
      const signed = await fetch(url);
      expect(signed.status).toBe(200);
      expect(await signed.text()).toBe('through the element');
      // The method is signed too: the GET URL does not let anyone PUT.
      expect((await fetch(url, { method: 'PUT', body: 'overwrite' })).status).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('names the elements whose written-out keys it will refuse', () => {
    expect(embedded.writtenKeys).toEqual(['storages.Literal']);
  });

  it('creates nothing for a bucket name that would leave its folder', () => {
    const root = dirname(folder.dir);
    expect(existsSync(join(folder.dir, '..', '..', '..', 'escaped'))).toBe(false);
    expect(readdirSync(root)).not.toContain('escaped');
    expect(embedded.buckets).toEqual(['mti-embedded']);
    expect(readdirSync(embedded.directory).sort()).toEqual(['mti-embedded']);
  });
});
