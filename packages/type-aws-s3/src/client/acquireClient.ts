import type { S3Client } from '@aws-sdk/client-s3';
import { clientPool } from './ClientPool';
import { type ClientSettings, s3ClientConfig } from './clientSettings';
import { requestHandler } from './requestHandler';
import type { S3ClientFactory, S3ClientPurpose } from './S3ClientFactory';

/** An element's client: from its Type's factory when it has one, else the shared pool's. */
export function acquireClient(
  settings: ClientSettings,
  factory: S3ClientFactory | undefined,
  purpose: S3ClientPurpose,
): { client: S3Client; release: () => void } {
  if (factory === undefined) return clientPool.acquire(settings);
  const client = factory(s3ClientConfig(settings, requestHandler(settings)), purpose);
  return { client, release: () => client.destroy() };
}
