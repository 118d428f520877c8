import { type App, type ElementRecord, StorageError } from '@mti/core';
import { AwsS3Type, CloudflareR2Type, MinioType } from '@mti/type-aws-s3';
import { buildApp, elementStatus } from './support/buildApp';
import { r2AccountId, r2Keys, r2Record, typedRecord } from './support/serviceRecords';

// storages.MinioType and storages.CloudflareR2Type are official Types built on another official
// Type: every app gets them, Instances name them, and the override rules of official Types
// apply to them and around them.

const minioConfig = {
  accessKeyId: 'minio-admin',
  accessKeySecret: 'minio-SECRET-0010',
  endPoint: 'http://127.0.0.1:9',
  bucketName: 'uploads',
};
const r2Config = { ...r2Keys, accountId: r2AccountId, bucketName: 'media' };
const s3Config = { ...minioConfig, region: 'us-east-1' };

const minioInstance = typedRecord('storages/Files', 'storages.MinioType', minioConfig);
const r2Instance = r2Record(r2Config, 'storages/Media');
const s3Instance = typedRecord('storages/Reports', 'storages.AwsS3Type', s3Config);

/** The storage-class refusal names the classes of the class an Instance was built from. */
async function storageClassesOf(app: App, fullName: string): Promise<string> {
  const error = await app
    .getElement<AwsS3Type>(fullName)
    .uploadByFile('a.txt', 'x', 'text/plain', { storageClass: 'NOT_A_CLASS' })
    .catch((e: unknown) => e);
  if (!StorageError.is(error)) throw new Error(`expected a StorageError from ${fullName}`);
  return error.message.slice(error.message.indexOf('must be one of ') + 'must be one of '.length);
}

/** A team class whose getUrl shows that it, not the official class, built the Instance. */
const marked = <T extends typeof AwsS3Type>(base: T, mark: string) =>
  class extends (base as typeof AwsS3Type) {
    override getUrl(name: string): string {
      return `${mark}:${super.getUrl(name)}`;
    }
  };

const opened: App[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});
function app(elements: ElementRecord[]): App {
  const built = buildApp(elements);
  opened.push(built);
  return built;
}

describe('official Types on the official S3 Type', () => {
  it('are in every app, as Types built on storages.AwsS3Type', () => {
    const listed = app([]).listElements();
    for (const fullName of ['storages.MinioType', 'storages.CloudflareR2Type']) {
      expect(listed.find((element) => element.fullName === fullName)).toMatchObject({
        kind: 'type',
        type: 'storages.AwsS3Type',
        origin: 'builtin',
        status: 'ready',
      });
    }
  });

  it('build the Instances that name them, each from its own class', async () => {
    const built = app([minioInstance, r2Instance, s3Instance]);
    for (const name of ['storages.Files', 'storages.Media', 'storages.Reports'])
      expect(elementStatus(built, name).status).toBe('ready');
    expect(await storageClassesOf(built, 'storages.Files')).toBe(MinioType.storageClasses.join(', '));
    expect(await storageClassesOf(built, 'storages.Media')).toBe(CloudflareR2Type.storageClasses.join(', '));
    expect(await storageClassesOf(built, 'storages.Reports')).toBe(AwsS3Type.storageClasses.join(', '));
    expect(built.configSchemaOf('storages.MinioType')).toMatchObject({
      configSchema: MinioType.configSchema,
      secretFields: ['accessKeySecret', 'sessionToken'],
    });
  });

  it("are not changed by an app's override of storages.AwsS3Type, which still wins for its own Instances", async () => {
    const override: ElementRecord = {
      folder: 'storages/AwsS3Type',
      declaration: { title: 'Our S3', type: 'storages.Meta' },
      implementation: marked(AwsS3Type, 'team'),
    };
    const built = app([override, minioInstance, r2Instance, s3Instance]);
    expect(built.getElement<AwsS3Type>('storages.Reports').getUrl('a.txt')).toMatch(/^team:/);
    for (const name of ['storages.Files', 'storages.Media']) {
      expect(elementStatus(built, name).status).toBe('ready');
      expect(built.getElement<AwsS3Type>(name).getUrl('a.txt')).not.toMatch(/^team:/);
    }
    expect(built.listElements().find((element) => element.fullName === 'storages.MinioType')).toMatchObject({
      status: 'ready',
      type: 'storages.AwsS3Type',
    });
  });

  it('can be overridden by an app with code, like any official Type', async () => {
    const override: ElementRecord = {
      folder: 'storages/MinioType',
      declaration: { title: 'Our MinIO', type: 'storages.AwsS3Type' },
      implementation: marked(MinioType, 'ours'),
    };
    const built = app([override, minioInstance]);
    expect(built.listElements().find((element) => element.fullName === 'storages.MinioType')).toMatchObject({
      kind: 'type',
      origin: 'app',
      overrides: '@mti/type-aws-s3',
    });
    const files = built.getElement<AwsS3Type>('storages.Files');
    expect(files.getUrl('a.txt')).toMatch(/^ours:/);
    // Still MinIO's conventions underneath: the override extends the official class.
    expect(await storageClassesOf(built, 'storages.Files')).toBe(MinioType.storageClasses.join(', '));
  });

  it('refuse an override without code, naming both sides, and so do its Instances', () => {
    const built = app([
      { folder: 'storages/CloudflareR2Type', declaration: { title: 'Our R2', type: 'storages.AwsS3Type' } },
      r2Instance,
    ]);
    const type = elementStatus(built, 'storages.CloudflareR2Type');
    expect(type.error).toMatchObject({ code: 'INVALID_CONFIG', element: 'storages.CloudflareR2Type' });
    expect(type.error?.message).toContain('overrides the official Type storages.CloudflareR2Type of @mti/type-aws-s3');
    expect(elementStatus(built, 'storages.Media').error?.message).toContain(
      'its type storages.CloudflareR2Type has an error',
    );
  });

  it("can be extended by a team's Type, whose Instances keep the service's config rules", async () => {
    const teamType: ElementRecord = {
      folder: 'storages/TeamR2Type',
      declaration: { title: 'Team R2', type: 'storages.CloudflareR2Type' },
      implementation: marked(CloudflareR2Type, 'team-r2'),
    };
    const built = app([teamType, typedRecord('storages/Media', 'storages.TeamR2Type', r2Config)]);
    const media = built.getElement<AwsS3Type>('storages.Media');
    expect(media.getUrl('a.txt')).toBe(`team-r2:https://media.${r2AccountId}.r2.cloudflarestorage.com/a.txt`);
    const refused = app([
      teamType,
      typedRecord('storages/Media', 'storages.TeamR2Type', { ...r2Config, region: 'eu' }),
    ]);
    expect(elementStatus(refused, 'storages.Media').error).toMatchObject({ code: 'INVALID_CONFIG', field: 'region' });
  });
});
