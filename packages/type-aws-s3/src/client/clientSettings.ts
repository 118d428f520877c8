import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { AwsS3Config } from '../config/awsS3ConfigSchema';
import { resolveEndpoint } from '../config/resolveEndpoint';

/** The part of a config that shapes the S3 client; elements that agree on it share one client. */
export interface ClientSettings {
  region: string;
  endPoint: string;
  forcePathStyle: boolean | undefined;
  /** Resolved: `auto` has already become the mode for this endpoint. */
  checksums: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  timeoutMs: number;
  maxAttempts: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function clientSettings(config: AwsS3Config): ClientSettings {
  return {
    region: config.region,
    endPoint: config.endPoint,
    forcePathStyle: config.forcePathStyle,
    checksums: checksumMode(config),
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    ...(config.accessKeyId !== undefined && config.accessKeySecret !== undefined
      ? {
          credentials: {
            accessKeyId: config.accessKeyId,
            secretAccessKey: config.accessKeySecret,
            ...(config.sessionToken === undefined ? {} : { sessionToken: config.sessionToken }),
          },
        }
      : {}),
  };
}

/** The checksum mode actually used: see the s3rver/RGW notes in the README. */
export function checksumMode(
  config: Pick<AwsS3Config, 'checksums' | 'endPoint' | 'forcePathStyle'>,
): 'WHEN_SUPPORTED' | 'WHEN_REQUIRED' {
  if (config.checksums !== 'auto') return config.checksums;
  // Non-AWS servers mishandle the SDK's default streaming checksums: s3rver stores the
  // aws-chunked framing as data, Ceph RGW refuses with MissingContentLength.
  return resolveEndpoint(config.endPoint, config.forcePathStyle).aws ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
}

export function s3ClientConfig(
  settings: ClientSettings,
  requestHandler: S3ClientConfig['requestHandler'],
): S3ClientConfig {
  const endpoint = resolveEndpoint(settings.endPoint, settings.forcePathStyle);
  const checksums = settings.checksums;
  return {
    region: settings.region,
    ...(endpoint.endpoint === undefined ? {} : { endpoint: endpoint.endpoint }),
    forcePathStyle: endpoint.forcePathStyle,
    useFipsEndpoint: endpoint.useFipsEndpoint,
    useDualstackEndpoint: endpoint.useDualstackEndpoint,
    // Without credentials the SDK's default chain applies: environment, shared config and
    // profiles, container and instance roles, web identity.
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
    maxAttempts: settings.maxAttempts,
    requestHandler,
  };
}
