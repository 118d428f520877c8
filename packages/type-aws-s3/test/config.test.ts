import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { StorageClass } from '@aws-sdk/client-s3';
import { awsS3ConfigJsonSchema, awsS3ConfigSchema, resolveEndpoint, type AwsS3Type } from '@mti/type-aws-s3';
import { storageClasses } from '../src/config/storageClasses';
import { buildApp, elementStatus } from './support/buildApp';

const aws = {
  accessKeyId: 'AKIAEXAMPLE',
  accessKeySecret: 'aws-secret-SEED-0001',
  endPoint: 's3.amazonaws.com',
  bucketName: 'reports',
  region: 'us-east-1',
};

function instance(config: Record<string, unknown>, env: Record<string, string> = {}) {
  const app = buildApp(
    [{ folder: 'storages/MyS3', declaration: { title: 'My AWS S3 Storage', type: 'storages.AwsS3Type' }, config }],
    env,
  );
  return { app, s3: app.getElement<AwsS3Type>('storages.MyS3'), status: elementStatus(app, 'storages.MyS3') };
}

describe('storages.AwsS3Type business config', () => {
  it('accepts the seed config and fills our defaults', () => {
    const parsed = awsS3ConfigSchema.parse(aws);
    expect(parsed).toEqual({
      ...aws,
      presign: 'allow',
      storageClass: 'STANDARD',
      checksums: 'auto',
      timeoutMs: 60_000,
      maxAttempts: 3,
      multipart: { partSizeMiB: 8, queueSize: 4 },
    });
  });

  it.each([
    [{ accessKeyId: 'AKIA' }, 'accessKeySecret', 'accessKeyId and accessKeySecret go together'],
    [{ accessKeySecret: 'x' }, 'accessKeyId', 'accessKeyId and accessKeySecret go together'],
    [{ sessionToken: 'tok' }, 'sessionToken', 'sessionToken needs accessKeyId and accessKeySecret'],
    [{ ...aws, kmsKeyId: 'k' }, 'kmsKeyId', 'kmsKeyId needs serverSideEncryption'],
    [{ ...aws, bucketName: 'b' }, 'bucketName', 'must be 3-63'],
    [{ ...aws, region: 'eu west' }, 'region', 'region code'],
    [{ ...aws, endPoint: '' }, 'endPoint', 'Too small'],
    [{ ...aws, storageClass: 'COLD' }, 'storageClass', 'Invalid option'],
    [{ ...aws, presign: 'never' }, 'presign', 'Invalid option'],
    [{ ...aws, prefix: 'a/../b' }, 'prefix', 'must not contain "." or ".." segments'],
    [{ ...aws, prefix: '/./' }, 'prefix', 'must not contain "." or ".." segments'],
    [{ ...aws, prefix: 'a//b' }, 'prefix', 'must not contain empty segments ("//")'],
    [{ ...aws, prefix: '/' }, 'prefix', 'must name at least one segment'],
    [{ ...aws, prefix: '' }, 'prefix', 'must name at least one segment'],
    [{ ...aws, prefix: 'tenant\n' }, 'prefix', 'must not contain control characters'],
    [{ ...aws, publicBaseUrl: 'ftp://cdn.example.com' }, 'publicBaseUrl', 'Invalid URL'],
    [{ ...aws, multipart: { partSizeMiB: 4 } }, 'multipart.partSizeMiB', 'Too small'],
    [{ ...aws, timeoutMs: 0 }, 'timeoutMs', 'Too small'],
    [{ ...aws, bucket: 'typo' }, 'bucket', 'unknown field "bucket"'],
  ])('reports %j at %s', (config, field, message) => {
    const base =
      'accessKeyId' in config || 'accessKeySecret' in config || 'sessionToken' in config
        ? { endPoint: 's3.amazonaws.com', bucketName: 'reports', region: 'us-east-1' }
        : {};
    const { status } = instance({ ...base, ...config });
    expect(status.status).toBe('error');
    expect(status.error?.code).toBe('INVALID_CONFIG');
    expect(status.error?.field).toBe(field);
    expect(status.error?.file).toBe('storages/MyS3/MyS3.json');
    expect(status.error?.message).toContain(message);
  });

  it.each([
    ['tenant-a/', 'tenant-a'],
    ['/tenant-a/', 'tenant-a'],
    ['/tenant-a', 'tenant-a'],
    ['//a/b//', 'a/b'],
    ['a/.hidden/..x', 'a/.hidden/..x'],
  ])('trims the slashes around prefix %j', (prefix, trimmed) => {
    expect(awsS3ConfigSchema.parse({ ...aws, prefix }).prefix).toBe(trimmed);
  });

  it('describes prefix in its JSON Schema as it validates it', () => {
    const pattern = new RegExp(
      (awsS3ConfigJsonSchema() as { properties: { prefix: { pattern: string } } }).properties.prefix.pattern,
      // As editors and Ajv compile JSON Schema patterns.
      'u',
    );
    const samples = ['a', 'tenant-a/', '/a/b/', '//a//', 'a b/ü', '...', '.a', 'a/..b', '', '/', '//', 'a//b'];
    samples.push('./a', 'a/.', 'a/../b', '/../', 'a\u0000', '\u007f', 'a/\tb', '.', '..');
    const verdicts = samples.map((prefix) => [prefix, pattern.test(prefix)]);
    expect(verdicts).toEqual(
      samples.map((prefix) => [prefix, awsS3ConfigSchema.safeParse({ ...aws, prefix }).success]),
    );
    // Both ways: the samples hold prefixes that pass and prefixes that fail.
    expect(new Set(verdicts.map(([, valid]) => valid))).toEqual(new Set([true, false]));
  });

  it('takes keys from neither field (the default credential chain) or both', () => {
    expect(instance({ endPoint: 's3.amazonaws.com', bucketName: 'reports', region: 'us-east-1' }).status.status).toBe(
      'ready',
    );
    expect(instance({ ...aws, sessionToken: 'tok' }).status.status).toBe('ready');
  });

  it('accepts "$schema" for editors', () => {
    expect(
      instance({ $schema: '../../node_modules/@mti/type-aws-s3/schema/config.schema.json', ...aws }).status.status,
    ).toBe('ready');
  });

  it("lists exactly the SDK's storage classes", () => {
    expect([...storageClasses].sort()).toEqual(Object.values(StorageClass).sort());
  });

  it('ships its JSON Schema for editors', () => {
    const shipped: unknown = JSON.parse(readFileSync(join(__dirname, '../schema/config.schema.json'), 'utf8'));
    expect(shipped).toEqual(awsS3ConfigJsonSchema());
    expect(awsS3ConfigJsonSchema()).toMatchObject({
      required: ['endPoint', 'bucketName', 'region'],
      additionalProperties: false,
    });
  });

  it('never shows accessKeySecret or sessionToken', async () => {
    const { app, s3 } = instance({ ...aws, sessionToken: 'session-TOKEN-0002' });
    const views = [JSON.stringify(s3.config), inspect(s3.config), JSON.stringify(app.listElements()), inspect(s3)];
    for (const view of views) expect(view).not.toMatch(/aws-secret-SEED-0001|session-TOKEN-0002/);
    expect(JSON.stringify(s3.config)).toContain('"accessKeySecret":"REDACTED"');
    await app.close();
  });
});

describe('resolveEndpoint', () => {
  it.each([
    ['s3.amazonaws.com', { aws: true, forcePathStyle: false }],
    ['s3.eu-west-1.amazonaws.com', { aws: true }],
    ['https://s3.us-west-2.amazonaws.com', { aws: true }],
    ['s3-fips.us-east-1.amazonaws.com', { aws: true, useFipsEndpoint: true }],
    ['s3.dualstack.us-east-1.amazonaws.com', { aws: true, useDualstackEndpoint: true }],
    ['s3.cn-north-1.amazonaws.com.cn', { aws: true }],
    ['http://127.0.0.1:9000', { aws: false, endpoint: 'http://127.0.0.1:9000', forcePathStyle: true }],
    ['minio.internal:9000', { aws: false, endpoint: 'https://minio.internal:9000', forcePathStyle: true }],
    ['https://acc.r2.cloudflarestorage.com/', { aws: false, endpoint: 'https://acc.r2.cloudflarestorage.com' }],
  ])('%s', (endPoint, expected) => {
    expect(resolveEndpoint(endPoint, undefined)).toMatchObject(expected);
  });

  it('lets forcePathStyle override the default either way', () => {
    expect(resolveEndpoint('s3.amazonaws.com', true).forcePathStyle).toBe(true);
    expect(resolveEndpoint('http://127.0.0.1:9000', false).forcePathStyle).toBe(false);
  });
});

// Signing needs no network: these prove routing and URL shapes without an AWS account.
describe('AWS routing, offline', () => {
  it('cross-region: region decides the host of virtual-hosted URLs', async () => {
    for (const region of ['us-west-2', 'eu-west-1', 'ap-northeast-1']) {
      const { app, s3 } = instance({ ...aws, region });
      const url = new URL(await s3.getSignUrl('users/avatar.jpg', 'image/jpeg', 600));
      expect(url.host).toBe(`reports.s3.${region}.amazonaws.com`);
      expect(url.pathname).toBe('/users/avatar.jpg');
      expect(url.searchParams.get('X-Amz-Credential')).toContain(`/${region}/s3/aws4_request`);
      expect(url.searchParams.get('response-content-type')).toBe('image/jpeg');
      await app.close();
    }
  });

  it('builds upload urls on a CDN, on AWS and on custom endpoints', async () => {
    const urls: Record<string, string> = {};
    const cases = {
      cdn: { ...aws, publicBaseUrl: 'https://cdn.example.com/files/', prefix: '/tenant-a/' },
      aws: aws,
      dotted: { ...aws, bucketName: 'my.reports' },
      custom: { ...aws, endPoint: 'http://127.0.0.1:1' },
    };
    for (const [name, config] of Object.entries(cases)) {
      const { app, s3 } = instance(config);
      urls[name] = s3.getUrl('a b/ü.txt');
      await app.close();
    }
    expect(urls).toEqual({
      cdn: 'https://cdn.example.com/files/tenant-a/a%20b/%C3%BC.txt',
      aws: 'https://reports.s3.us-east-1.amazonaws.com/a%20b/%C3%BC.txt',
      dotted: 'https://s3.us-east-1.amazonaws.com/my.reports/a%20b/%C3%BC.txt',
      custom: 'http://127.0.0.1:1/reports/a%20b/%C3%BC.txt',
    });
  });

  it('presigns uploads without checksum parameters, even where the SDK default would add them', async () => {
    const { app, s3 } = instance(aws);
    const signed = await s3.getSignUploadUrl('u/photo.png', 'image/png');
    const url = new URL(signed.url);
    expect(signed).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/png' } });
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    await app.close();
  });
});
