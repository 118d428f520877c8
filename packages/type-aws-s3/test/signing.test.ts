import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { describeVerifying, runPrefix, tiers, type TierServer } from './support/tiers';

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
