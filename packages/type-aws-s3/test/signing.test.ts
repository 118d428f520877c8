import { inspect } from 'node:util';
import { StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { describeVerifying, runPrefix, tiers, type TierServer } from './support/tiers';
import { withChainEnv } from './support/withChainEnv';

const pdf = Buffer.from('%PDF-1.7 signed');

describe.each(tiers)('presigned URLs fetched with plain HTTP on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  let s3: AwsS3Type;

  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([s3Record(server, { prefix: runPrefix() })]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
    await s3.uploadByFile('docs/document.pdf', pdf, 'application/octet-stream');
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('serves the body with the Content-Type asked for', async () => {
    const response = await fetch(await s3.getSignUrl('docs/document.pdf', 'application/pdf', 60));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });

  it('signs keys that need encoding', async () => {
    await s3.uploadByFile('a b/ü+ä?.txt', 'odd key', 'text/plain');
    const response = await fetch(await s3.getSignUrl('a b/ü+ä?.txt', 'text/plain; charset=utf-8'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('odd key');
  });
});

describeVerifying('signature enforcement on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  let s3: AwsS3Type;

  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([s3Record(server, { prefix: runPrefix() })]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
    await s3.uploadByFile('docs/document.pdf', pdf);
  });
  afterAll(() => app.close());

  it('refuses a tampered signed URL', async () => {
    const url = new URL(await s3.getSignUrl('docs/document.pdf', 'application/pdf'));
    const signature = url.searchParams.get('X-Amz-Signature') as string;
    url.searchParams.set('X-Amz-Signature', `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`);
    expect((await fetch(url)).status).toBe(403);
    const retyped = new URL(await s3.getSignUrl('docs/document.pdf', 'application/pdf'));
    retyped.searchParams.set('response-content-type', 'text/html');
    expect((await fetch(retyped)).status).toBe(403);
  });

  it('refuses an expired signed URL', async () => {
    const url = await s3.getSignUrl('docs/document.pdf', 'application/pdf', 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(url)).status).toBe(403);
  });

  it('refuses a signed upload sent with another Content-Type', async () => {
    const signed = await s3.getSignUploadUrl('up/a.png', 'image/png');
    const wrong = await fetch(signed.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: '<script>',
    });
    expect(wrong.status).toBe(403);
    const right = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: Buffer.from([1, 2, 3]) });
    expect(right.status).toBe(200);
    expect(await s3.download('up/a.png')).toEqual(Buffer.from([1, 2, 3]));
  });
});

// Signing needs no network: these run against an AWS endpoint without an account.
describe('presign with temporary credentials', () => {
  const token = 'FQoGZXIvYXdzPRESIGN/session+TOKEN=0005';
  const temporary = {
    accessKeyId: 'ASIAEXAMPLE0005',
    accessKeySecret: 'presign-SECRET-0005',
    sessionToken: token,
    endPoint: 's3.amazonaws.com',
    bucketName: 'reports',
    region: 'us-east-1',
  };
  const opened: Array<ReturnType<typeof buildApp>> = [];
  afterEach(async () => {
    for (const app of opened.splice(0)) await app.close();
  });
  function element(config: Record<string, unknown>): AwsS3Type {
    const app = buildApp([
      { folder: 'storages/MyS3', declaration: { title: 'S3', type: 'storages.AwsS3Type' }, config },
    ]);
    opened.push(app);
    return app.getElement<AwsS3Type>('storages.MyS3');
  }
  async function refusal(promise: Promise<unknown>): Promise<StorageError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!StorageError.is(error)) throw new Error(`expected a StorageError, got ${String(error)}`);
    return error;
  }

  it('"allow" (the default): the URL carries the key id and the session token, never the secret key', async () => {
    const s3 = element(temporary);
    const signed = [
      await s3.getSignUrl('a.pdf', 'application/pdf'),
      (await s3.getSignUploadUrl('b.png', 'image/png')).url,
    ];
    for (const url of signed) {
      const query = new URL(url).searchParams;
      expect(query.get('X-Amz-Security-Token')).toBe(token);
      expect(query.get('X-Amz-Credential')).toMatch(/^ASIAEXAMPLE0005\//);
      expect(url).not.toContain('presign-SECRET-0005');
    }
  });

  it('"long-term-only": both presigning methods refuse, ACCESS_DENIED naming the element, operation and field', async () => {
    const s3 = element({ ...temporary, presign: 'long-term-only' });
    const refused = [
      await refusal(s3.getSignUrl('a.pdf', 'application/pdf')),
      await refusal(s3.getSignUploadUrl('b.png', 'image/png')),
    ];
    expect(refused.map((e) => [e.code, e.operation, e.field])).toEqual([
      ['ACCESS_DENIED', 'getSignUrl', 'presign'],
      ['ACCESS_DENIED', 'getSignUploadUrl', 'presign'],
    ]);
    expect(refused[0]?.message).toBe(
      'storages.MyS3 (storages.AwsS3Type): getSignUrl "a.pdf" failed: ACCESS_DENIED: presign is "long-term-only" ' +
        'and the credentials are temporary: the URL would carry their session token',
    );
    for (const error of refused) expect(inspect(error, { depth: Infinity })).not.toContain(token);
  });

  it('"long-term-only" refuses a session token the default credential chain found, too', async () => {
    const chain = { AWS_ACCESS_KEY_ID: 'ASIACHAIN0006', AWS_SECRET_ACCESS_KEY: 'chain-SECRET-0006' };
    const error = await withChainEnv({ ...chain, AWS_SESSION_TOKEN: 'chain-TOKEN-0006' }, () => {
      const { accessKeyId: _id, accessKeySecret: _secret, sessionToken: _token, ...keyless } = temporary;
      return refusal(element({ ...keyless, presign: 'long-term-only' }).getSignUrl('a.pdf', 'application/pdf'));
    });
    expect(error).toMatchObject({ code: 'ACCESS_DENIED', field: 'presign' });
  });
});

describe.each(tiers)('presign "long-term-only" with long-term keys on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([s3Record(server, { prefix: runPrefix(), presign: 'long-term-only' })]);
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('signs as usual: the URLs carry no token and work', async () => {
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const upload = await s3.getSignUploadUrl('long-term/a.txt', 'text/plain');
    expect(new URL(upload.url).searchParams.has('X-Amz-Security-Token')).toBe(false);
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: 'signed with long-term keys' });
    expect(put.status).toBe(200);
    const url = await s3.getSignUrl('long-term/a.txt', 'text/plain');
    expect(new URL(url).searchParams.has('X-Amz-Security-Token')).toBe(false);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('signed with long-term keys');
  });
});
