import { createApp, type App, type ElementRecord, storagesMeta } from '@mti/core';
import { registrations } from '@mti/type-aws-s3';
import type { TierServer } from './tiers';

/** The seed's `storages/MyS3` folder pointed at a tier's server, with config overrides. */
export function s3Record(
  server: TierServer,
  overrides: Record<string, unknown> = {},
  folder = 'storages/MyS3',
): ElementRecord {
  return {
    folder,
    declaration: { title: 'My AWS S3 Storage', type: 'storages.AwsS3Type', backendBundleEntry: '.', variables: [] },
    config: {
      accessKeyId: server.accessKeyId,
      accessKeySecret: server.accessKeySecret,
      endPoint: server.endpoint,
      bucketName: server.bucketName,
      region: server.region,
      ...overrides,
    },
  };
}

export function buildApp(elements: ElementRecord[], env: Record<string, string | undefined> = {}): App {
  return createApp({ name: 'type-aws-s3-tests', registrations: [storagesMeta, ...registrations], elements, env });
}

/** The error an element recorded, or a failure when it has none. */
export function elementStatus(app: App, fullName: string) {
  const found = app.listElements().find((e) => e.fullName === fullName);
  if (found === undefined) throw new Error(`${fullName} is not in the app`);
  return found;
}
