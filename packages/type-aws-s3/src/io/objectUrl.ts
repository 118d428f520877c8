import type { AwsS3Config } from '../config/awsS3ConfigSchema';
import { resolveEndpoint } from '../config/resolveEndpoint';

/** Percent-encodes each segment of a key, keeping the slashes. */
export function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}

/**
 * Everything of an object's address before its key, ending in "/": on `publicBaseUrl` when set
 * (a CDN), else on the endpoint as the SDK would address it (virtual-hosted on AWS unless the
 * bucket name has dots, path-style elsewhere). It depends on the config only, so an element
 * works it out once rather than parsing its endpoint on every upload.
 */
export function objectUrlBase(config: AwsS3Config): string {
  if (config.publicBaseUrl !== undefined) return `${config.publicBaseUrl.replace(/\/+$/, '')}/`;
  const endpoint = resolveEndpoint(config.endPoint, config.forcePathStyle);
  if (endpoint.aws) {
    const host = `s3.${config.region}.amazonaws.com`;
    return endpoint.forcePathStyle || config.bucketName.includes('.')
      ? `https://${host}/${config.bucketName}/`
      : `https://${config.bucketName}.${host}/`;
  }
  if (endpoint.forcePathStyle) return `${endpoint.endpoint}/${config.bucketName}/`;
  const base = new URL(endpoint.endpoint as string);
  return `${base.protocol}//${config.bucketName}.${base.host}${base.pathname.replace(/\/+$/, '')}/`;
}
