import type { z } from '@mti/core';
import { resolveEndpoint } from './resolveEndpoint';

/**
 * A rule for the Types of other S3 services: an `amazonaws.com` endPoint is Amazon S3, whose
 * routing (virtual hosts, regions) the official S3 Type handles; given to MinIO or R2 it would
 * be sent their conventions and fail in ways that hide the mistake.
 */
export function notAwsEndpointRule(
  service: string,
): (config: { endPoint?: string | undefined }, ctx: z.RefinementCtx) => void {
  return (config, ctx) => {
    if (config.endPoint === undefined || !resolveEndpoint(config.endPoint, undefined).aws) return;
    ctx.addIssue({
      code: 'custom',
      path: ['endPoint'],
      message: `an amazonaws.com endPoint is Amazon S3, not ${service}: declare the Instance with type storages.AwsS3Type`,
    });
  };
}
