export interface ResolvedEndpoint {
  /** True for AWS S3 hosts: the SDK's own regional, virtual-hosted routing applies. */
  aws: boolean;
  /** For non-AWS endpoints: the URL given to the SDK. */
  endpoint?: string;
  forcePathStyle: boolean;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const awsHost = /(^|\.)amazonaws\.com(\.cn)?$/i;

/**
 * Reads the seed's `endPoint`: an AWS host (with or without scheme) leaves routing to the SDK,
 * so `region` decides where requests go; anything else is a custom endpoint (MinIO, Ceph, R2,
 * s3rver), https unless a scheme says otherwise, path-style unless `forcePathStyle` says no.
 */
export function resolveEndpoint(endPoint: string, forcePathStyle: boolean | undefined): ResolvedEndpoint {
  const url = new URL(hasScheme.test(endPoint) ? endPoint : `https://${endPoint}`);
  if (awsHost.test(url.hostname)) {
    return {
      aws: true,
      forcePathStyle: forcePathStyle ?? false,
      useFipsEndpoint: /(^|[.-])fips([.-]|$)/i.test(url.hostname),
      useDualstackEndpoint: /(^|\.)dualstack\./i.test(url.hostname),
    };
  }
  return {
    aws: false,
    endpoint: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`,
    forcePathStyle: forcePathStyle ?? true,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
  };
}
