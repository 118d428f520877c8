import type { AwsS3Config } from '../config/awsS3ConfigSchema';
import { resolveEndpoint } from '../config/resolveEndpoint';

/** Percent-encodes each segment of a key, keeping the slashes. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/**
 * The address of an object: on `publicBaseUrl` when set (a CDN), else on the endpoint as the SDK
 * would address it (virtual-hosted on AWS unless the bucket name has dots, path-style elsewhere).
 */
export function objectUrl(config: AwsS3Config, s3Key: string): string {
  const key = encodeKey(s3Key);
  if (config.publicBaseUrl !== undefined) return `${config.publicBaseUrl.replace(/\/+$/, '')}/${key}`;
  const endpoint = resolveEndpoint(config.endPoint, config.forcePathStyle);
  if (endpoint.aws) {
    const host = `s3.${config.region}.amazonaws.com`;
    return endpoint.forcePathStyle || config.bucketName.includes('.')
      ? `https://${host}/${config.bucketName}/${key}`
      : `https://${config.bucketName}.${host}/${key}`;
  }
  const base = new URL(endpoint.endpoint as string);
  if (endpoint.forcePathStyle) return `${endpoint.endpoint}/${config.bucketName}/${key}`;
  return `${base.protocol}//${config.bucketName}.${base.host}${base.pathname.replace(/\/+$/, '')}/${key}`;
}
