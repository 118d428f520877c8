import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { ElementRecord } from '@mti/core';
import {
  type AwsS3Type,
  MinioType,
  minioConfigJsonSchema,
  minioConfigSchema,
  type S3ClientFactory,
} from '@mti/type-aws-s3';
import { buildApp, elementStatus } from './support/buildApp';
import { typedRecord } from './support/serviceRecords';

const seed = {
  accessKeyId: 'minio-admin',
  accessKeySecret: 'minio-SECRET-0008',
  endPoint: 'http://127.0.0.1:9000',
  bucketName: 'uploads',
};

const minio = (config: Record<string, unknown>): ElementRecord =>
  typedRecord('storages/MyMinio', 'storages.MinioType', config);

describe('storages.MinioType business config', () => {
  it("fills MinIO's defaults: path style, region us-east-1, checksums as for any non-AWS server", () => {
    expect(minioConfigSchema.parse(seed)).toMatchObject({
      ...seed,
      region: 'us-east-1',
      forcePathStyle: true,
      storageClass: 'STANDARD',
      checksums: 'auto',
    });
  });

  it("keeps a server's own region and virtual-host addressing when asked", () => {
    expect(minioConfigSchema.parse({ ...seed, region: 'eu-central-1', forcePathStyle: false })).toMatchObject({
      region: 'eu-central-1',
      forcePathStyle: false,
    });
  });

  it.each([
    ['no endPoint', { ...seed, endPoint: undefined }, 'endPoint', 'expected string'],
    ['an AWS endpoint', { ...seed, endPoint: 's3.eu-west-1.amazonaws.com' }, 'endPoint', 'not MinIO'],
    ['an S3-only storage class', { ...seed, storageClass: 'GLACIER' }, 'storageClass', 'Invalid option'],
    ['DSSE-KMS', { ...seed, serverSideEncryption: 'aws:kms:dsse' }, 'serverSideEncryption', 'Invalid option'],
    ['a KMS key without SSE-KMS', { ...seed, kmsKeyId: 'k' }, 'kmsKeyId', 'kmsKeyId needs serverSideEncryption'],
    ['a secret without its key id', { ...seed, accessKeyId: undefined }, 'accessKeyId', 'go together'],
  ])('refuses %s with INVALID_CONFIG on its field', async (_case, config, field, message) => {
    const app = buildApp([minio(config)]);
    const status = elementStatus(app, 'storages.MyMinio');
    expect(status.error).toMatchObject({ code: 'INVALID_CONFIG', element: 'storages.MyMinio', field });
    expect(status.error?.message).toContain(message);
    await app.close();
  });

  it('takes SSE-S3 and REDUCED_REDUNDANCY, which MinIO has', () => {
    expect(
      minioConfigSchema.safeParse({ ...seed, serverSideEncryption: 'AES256', storageClass: 'REDUCED_REDUNDANCY' })
        .success,
    ).toBe(true);
  });

  it('builds a path-style client for the default region, without the SDK default checksums', async () => {
    const seen: S3ClientConfig[] = [];
    const probe: ElementRecord = {
      folder: 'storages/ProbeMinioType',
      declaration: { title: 'Probe', type: 'storages.MinioType' },
      implementation: class ProbeMinioType extends MinioType {
        static override clientFactory: S3ClientFactory = (config) => {
          seen.push(config);
          return new S3Client(config);
        };
      },
    };
    const app = buildApp([probe, typedRecord('storages/MyMinio', 'storages.ProbeMinioType', seed)]);
    app.getElement<AwsS3Type>('storages.MyMinio').getUrl('warm-up');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      region: 'us-east-1',
      endpoint: seed.endPoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await app.close();
  });

  it('ships its JSON Schema for editors', () => {
    const shipped: unknown = JSON.parse(readFileSync(join(__dirname, '../schema/minio-config.schema.json'), 'utf8'));
    expect(shipped).toEqual(minioConfigJsonSchema());
    expect(minioConfigJsonSchema()).toMatchObject({
      required: ['endPoint', 'bucketName'],
      additionalProperties: false,
      properties: { region: { default: 'us-east-1' }, forcePathStyle: { default: true } },
    });
  });
});
