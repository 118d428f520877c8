import type { ElementRecord } from '@mti/core';
import type { TierServer } from './tiers';

/** An Instance folder of `type`, with this config. */
export function typedRecord(folder: string, type: string, config: Record<string, unknown>): ElementRecord {
  return { folder, declaration: { title: folder, type, backendBundleEntry: '.', variables: [] }, config };
}

/**
 * A `storages.MinioType` Instance on a tier's server. The region is left to the Type's default
 * when the server signs for that region anyway, so the default is what the tests use.
 */
export function minioRecord(
  server: TierServer,
  overrides: Record<string, unknown> = {},
  folder = 'storages/MyMinio',
): ElementRecord {
  return typedRecord(folder, 'storages.MinioType', {
    accessKeyId: server.accessKeyId,
    accessKeySecret: server.accessKeySecret,
    endPoint: server.endpoint,
    bucketName: server.bucketName,
    ...(server.region === 'us-east-1' ? {} : { region: server.region }),
    ...overrides,
  });
}

/** An account ID of the documented shape (32 hex digits), for configs that never reach R2. */
export const r2AccountId = '0123456789abcdef0123456789abcdef';

/** R2 API token credentials for tests that only sign (nothing is sent). */
export const r2Keys = { accessKeyId: 'r2-key-id-0007', accessKeySecret: 'r2-SECRET-0007' };

/** A `storages.CloudflareR2Type` Instance folder with this config. */
export function r2Record(config: Record<string, unknown>, folder = 'storages/MyR2'): ElementRecord {
  return typedRecord(folder, 'storages.CloudflareR2Type', config);
}
