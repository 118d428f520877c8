import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { ElementRecord } from '@mti/core';
import {
  type AwsS3Type,
  CloudflareR2Type,
  cloudflareR2ConfigJsonSchema,
  cloudflareR2ConfigSchema,
  type S3ClientFactory,
} from '@mti/type-aws-s3';
import { jsonSchemaOf } from '../../cli/src/gateway/source/jsonSchemaOf';
import { r2Jurisdictions } from '../src/r2/r2Jurisdictions';
import { buildApp, elementStatus } from './support/buildApp';
import { r2AccountId, r2Keys, r2Record } from './support/serviceRecords';

const seed = { ...r2Keys, accountId: r2AccountId, bucketName: 'media' };

function r2Instance(config: Record<string, unknown>, extra: ElementRecord[] = []) {
  const app = buildApp([...extra, r2Record(config)]);
  return { app, r2: app.getElement<AwsS3Type>('storages.MyR2'), status: elementStatus(app, 'storages.MyR2') };
}

describe('storages.CloudflareR2Type business config', () => {
  it('makes the endpoint from accountId and fills R2 defaults: region auto, virtual hosts, checksums off', () => {
    const parsed = cloudflareR2ConfigSchema.parse(seed);
    expect(new URL(parsed.endPoint).host).toBe(`${r2AccountId}.r2.cloudflarestorage.com`);
    expect(new URL(parsed.endPoint).protocol).toBe('https:');
    expect(parsed).toMatchObject({
      region: 'auto',
      forcePathStyle: false,
      storageClass: 'STANDARD',
      checksums: 'WHEN_REQUIRED',
    });
  });

  it.each(r2Jurisdictions)('puts jurisdiction %s in the endpoint host', (jurisdiction) => {
    const { endPoint } = cloudflareR2ConfigSchema.parse({ ...seed, jurisdiction });
    expect(new URL(endPoint).host).toBe(`${r2AccountId}.${jurisdiction}.r2.cloudflarestorage.com`);
  });

  it('reads an account ID in capitals as the same account', () => {
    const { endPoint, accountId } = cloudflareR2ConfigSchema.parse({ ...seed, accountId: r2AccountId.toUpperCase() });
    expect(accountId).toBe(r2AccountId);
    expect(new URL(endPoint).host.startsWith(`${r2AccountId}.`)).toBe(true);
  });

  it('uses an endPoint given instead of accountId as it is', () => {
    const endPoint = 'https://r2-proxy.internal.example:8443';
    expect(cloudflareR2ConfigSchema.parse({ ...r2Keys, endPoint, bucketName: 'media' }).endPoint).toBe(endPoint);
  });

  it.each([
    ['neither accountId nor endPoint', { ...r2Keys, bucketName: 'media' }, 'accountId', 'set accountId'],
    [
      'accountId and endPoint',
      { ...seed, endPoint: 'https://other.example' },
      'endPoint',
      'set accountId or endPoint, not both',
    ],
    [
      'a jurisdiction without accountId',
      { ...r2Keys, endPoint: 'https://r2-proxy.example', bucketName: 'media', jurisdiction: 'eu' },
      'jurisdiction',
      'jurisdiction picks the endpoint made from accountId',
    ],
    ['an AWS region', { ...seed, region: 'us-east-1' }, 'region', 'R2 signs every request for region "auto"'],
    ['a location hint as region', { ...seed, region: 'weur' }, 'region', 'leave region out or set "auto"'],
    ['an account name', { ...seed, accountId: 'my-account' }, 'accountId', 'must be the 32 hexadecimal digits'],
    ['an unknown jurisdiction', { ...seed, jurisdiction: 'mars' }, 'jurisdiction', 'Invalid option'],
    ['an S3-only bucket name', { ...seed, bucketName: 'Media_Files' }, 'bucketName', 'R2 bucket names'],
    [
      'server-side encryption',
      { ...seed, serverSideEncryption: 'AES256' },
      'serverSideEncryption',
      'unknown field "serverSideEncryption"',
    ],
    ['a KMS key', { ...seed, kmsKeyId: 'k' }, 'kmsKeyId', 'unknown field "kmsKeyId"'],
    ['an S3-only storage class', { ...seed, storageClass: 'GLACIER' }, 'storageClass', 'Invalid option'],
    [
      'an AWS endpoint',
      { ...r2Keys, endPoint: 's3.amazonaws.com', bucketName: 'media' },
      'endPoint',
      'not Cloudflare R2',
    ],
    [
      'a key id without its secret',
      { ...seed, accessKeySecret: undefined },
      'accessKeySecret',
      'accessKeyId and accessKeySecret go together',
    ],
  ])('refuses %s with INVALID_CONFIG on its field', async (_case, config, field, message) => {
    const { app, status } = r2Instance(config);
    expect(status.status).toBe('error');
    expect(status.error).toMatchObject({ code: 'INVALID_CONFIG', element: 'storages.MyR2', field });
    expect(status.error?.message).toContain(message);
    expect(status.error?.message).not.toContain(r2Keys.accessKeySecret);
    await app.close();
  });

  it('shows the endpoint it made in the element config, and never the secret', async () => {
    const { app, r2, status } = r2Instance(seed);
    expect(status.status).toBe('ready');
    const config = r2.config as { endPoint: string; region: string };
    expect(config.endPoint).toBe(cloudflareR2ConfigSchema.parse(seed).endPoint);
    expect(config.region).toBe('auto');
    expect(JSON.stringify(r2.config)).toContain('"accessKeySecret":"REDACTED"');
    for (const view of [JSON.stringify(r2.config), inspect(r2), JSON.stringify(app.listElements())])
      expect(view).not.toContain(r2Keys.accessKeySecret);
    await app.close();
  });

  describe('the S3 client it builds', () => {
    const seen: S3ClientConfig[] = [];
    // A team Type on the official one, to see the client config: also proves Types extend it.
    const probe: ElementRecord = {
      folder: 'storages/ProbeR2Type',
      declaration: { title: 'Probe', type: 'storages.CloudflareR2Type' },
      implementation: class ProbeR2Type extends CloudflareR2Type {
        static override clientFactory: S3ClientFactory = (config) => {
          seen.push(config);
          return new S3Client(config);
        };
      },
    };
    const probed = (config: Record<string, unknown>) =>
      buildApp([probe, { ...r2Record(config), declaration: { title: 'R2', type: 'storages.ProbeR2Type' } }]);
    afterEach(() => seen.splice(0));

    it('signs for region auto at the account endpoint, virtual-hosted, with checksums only where required', async () => {
      const app = probed(seed);
      expect(elementStatus(app, 'storages.MyR2').status).toBe('ready');
      app.getElement<AwsS3Type>('storages.MyR2').getUrl('warm-up');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        region: 'auto',
        endpoint: cloudflareR2ConfigSchema.parse(seed).endPoint,
        forcePathStyle: false,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      await app.close();
    });

    it('keeps an explicit checksums choice', async () => {
      const app = probed({ ...seed, checksums: 'WHEN_SUPPORTED' });
      app.getElement<AwsS3Type>('storages.MyR2').getUrl('warm-up');
      expect(seen[0]).toMatchObject({
        requestChecksumCalculation: 'WHEN_SUPPORTED',
        responseChecksumValidation: 'WHEN_SUPPORTED',
      });
      await app.close();
    });
  });

  it('ships its JSON Schema for editors, with the fields as written', () => {
    const shipped: unknown = JSON.parse(
      readFileSync(join(__dirname, '../schema/cloudflare-r2-config.schema.json'), 'utf8'),
    );
    expect(shipped).toEqual(cloudflareR2ConfigJsonSchema());
    const schema = cloudflareR2ConfigJsonSchema() as {
      required: string[];
      properties: Record<string, { default?: unknown }>;
      additionalProperties: boolean;
    };
    expect(schema.required).toEqual(['bucketName']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['accountId', 'jurisdiction', 'endPoint']));
    expect(Object.keys(schema.properties)).not.toContain('serverSideEncryption');
    expect(schema.properties.region?.default).toBe('auto');
  });

  it("is what the app describes to the console's form (configSchemaOf)", async () => {
    const app = buildApp([]);
    const info = app.configSchemaOf('storages.CloudflareR2Type');
    expect(info).toMatchObject({ kind: 'type', secretFields: ['accessKeySecret', 'sessionToken'] });
    expect(info.configSchema).toBe(CloudflareR2Type.configSchema);
    const form = jsonSchemaOf(info.configSchema as NonNullable<typeof info.configSchema>) as {
      properties: Record<string, unknown>;
    };
    expect(form.properties).toHaveProperty('accountId');
    await app.close();
  });
});
