import { type App, ErrorCode, type SignedUploadForm, StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { r2Record } from './support/serviceRecords';
import { describeVerifying, runPrefix, type TierServer, tiers } from './support/tiers';

// getSignUploadForm: the presigned POST's policy as the element builds it (on s3rver, which
// accepts any form), and as Ceph RGW enforces it. s3rver's gap (it checks no policy) is shown by
// the contract kit (`unenforced.formPolicy`, support/tierGaps.ts).

interface Policy {
  expiration: string;
  conditions: unknown[];
}

const policyOf = (form: SignedUploadForm): Policy =>
  JSON.parse(Buffer.from(form.fields.Policy as string, 'base64').toString('utf8')) as Policy;

/** POSTs `file` through `form` as a browser does (the fields, then the file), with `change` applied. */
async function post(form: SignedUploadForm, file: Buffer, change: Record<string, string> = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...change })) body.append(name, value);
  body.append('file', new Blob([file]), 'photo.png');
  const response = await fetch(form.url, { method: form.method, body });
  return { status: response.status, text: await response.text() };
}

const s3rver = tiers[0] as (typeof tiers)[number];

describe('getSignUploadForm builds the POST policy', () => {
  let server: TierServer;
  let app: App;
  let s3: AwsS3Type;
  beforeAll(async () => {
    server = await s3rver.start();
    app = buildApp([
      s3Record(server, { prefix: 'tenant-a', storageClass: 'STANDARD_IA' }),
      s3Record(server, { sessionToken: 'temporary-token', presign: 'long-term-only' }, 'storages/Temporary'),
      r2Record({
        accountId: '0123456789abcdef0123456789abcdef',
        bucketName: 'media',
        accessKeyId: 'a',
        accessKeySecret: 'b',
      }),
    ]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('holds the bucket, the prefixed key, the Content-Type, the size range, the storage class and the expiry', async () => {
    const before = Date.now();
    const form = await s3.getSignUploadForm('photos/cat.png', 'image/png', {
      maxBytes: 5000,
      minBytes: 10,
      expires: 120,
    });
    expect(form.method).toBe('POST');
    expect(form.url).toBe(`${server.endpoint}/${server.bucketName}`);
    expect(form.fields).toMatchObject({
      key: 'tenant-a/photos/cat.png',
      bucket: server.bucketName,
      'Content-Type': 'image/png',
      'x-amz-storage-class': 'STANDARD_IA',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(form.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    const policy = policyOf(form);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 10, 5000],
        ['eq', '$Content-Type', 'image/png'],
        { bucket: server.bucketName },
        { key: 'tenant-a/photos/cat.png' },
        { 'x-amz-storage-class': 'STANDARD_IA' },
      ]),
    );
    const expires = Date.parse(policy.expiration);
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 120_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  it("refuses a key holding ${filename}, which S3 would replace with the sent file's name", async () => {
    await expect(s3.getSignUploadForm('a/${filename}', 'image/png', { maxBytes: 10 })).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      field: 'file',
      operation: 'getSignUploadForm',
    });
  });

  it('refuses with ACCESS_DENIED on presign when the form would carry a session token and presign is long-term-only', async () => {
    const temporary = app.getElement<AwsS3Type>('storages.Temporary');
    const error = await temporary.getSignUploadForm('a.png', 'image/png', { maxBytes: 10 }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toMatchObject({ code: ErrorCode.ACCESS_DENIED, field: 'presign' });
    expect(String((error as Error).message)).not.toContain('temporary-token');
  });

  it('storages.CloudflareR2Type refuses it: R2 takes no POST uploads', async () => {
    const r2 = app.getElement<AwsS3Type>('storages.MyR2');
    const error = await r2.getSignUploadForm('a.png', 'image/png', { maxBytes: 10 }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(StorageError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCode.INVALID_CONFIG, operation: 'getSignUploadForm', key: 'a.png' });
    expect((error as Error).message).toContain('Cloudflare R2 takes no POST (form) uploads');
    // A bad key is still the caller's mistake first.
    await expect(r2.getSignUploadForm('', 'image/png', { maxBytes: 10 })).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      field: 'file',
    });
  });
});

describeVerifying('getSignUploadForm on $name: the server enforces the policy', (tier) => {
  let server: TierServer;
  let app: App;
  let s3: AwsS3Type;
  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([s3Record(server, { prefix: runPrefix() })]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  const missing = async (key: string) => expect(s3.getObject(key)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });

  it("stores a file within the bounds, with the form's Content-Type (204)", async () => {
    const file = Buffer.alloc(2000, 1);
    const response = await post(
      await s3.getSignUploadForm('ok.png', 'image/png', { maxBytes: 2000, minBytes: 2000 }),
      file,
    );
    expect(response.status).toBe(204);
    expect(await s3.download('ok.png')).toEqual(file);
    expect((await s3.getObject('ok.png')).contentType).toBe('image/png');
    await s3.delete('ok.png');
  });

  it('refuses a file over maxBytes with 400 EntityTooLarge, and under minBytes with 400 EntityTooSmall; nothing is stored', async () => {
    const form = await s3.getSignUploadForm('sized.png', 'image/png', { maxBytes: 1000, minBytes: 10 });
    const over = await post(form, Buffer.alloc(1001, 1));
    expect(over.status).toBe(400);
    expect(over.text).toContain('<Code>EntityTooLarge</Code>');
    const under = await post(form, Buffer.alloc(9, 1));
    expect(under.status).toBe(400);
    expect(under.text).toContain('<Code>EntityTooSmall</Code>');
    await missing('sized.png');
  });

  it('refuses another Content-Type or another key with 403; nothing is stored', async () => {
    const form = await s3.getSignUploadForm('typed.png', 'image/png', { maxBytes: 1000 });
    const retyped = await post(form, Buffer.from('<html></html>'), { 'Content-Type': 'text/html' });
    expect(retyped.status).toBe(403);
    expect(retyped.text).toContain('AccessDenied');
    const elsewhere = await post(form, Buffer.from('png'), { key: `${form.fields.key as string}.other` });
    expect(elsewhere.status).toBe(403);
    await missing('typed.png');
    await missing('typed.png.other');
  });
});
