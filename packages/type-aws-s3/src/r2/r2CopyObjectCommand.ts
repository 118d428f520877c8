import type { CopyObjectCommand, CopyObjectCommandInput } from '@aws-sdk/client-s3';
import { s3 } from '../sdk/awsSdk';

/**
 * CopyObject for Cloudflare R2, whose conditions on a copy's target travel as
 * `cf-copy-destination-if-match` / `cf-copy-destination-if-none-match` (R2's "Conditional
 * operations" page), not as If-Match / If-None-Match. They are set before signing (the build
 * step), so the signature covers them. Not checked against R2 here: no account is reachable from
 * the test machines; the request's headers are (r2Requests.test.ts).
 */
export function r2CopyObjectCommand(input: CopyObjectCommandInput): CopyObjectCommand {
  const { IfMatch, IfNoneMatch, ...rest } = input;
  const command = new (s3().CopyObjectCommand)(rest);
  if (IfMatch === undefined && IfNoneMatch === undefined) return command;
  command.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      if (IfMatch !== undefined) headers['cf-copy-destination-if-match'] = IfMatch;
      if (IfNoneMatch !== undefined) headers['cf-copy-destination-if-none-match'] = IfNoneMatch;
      return next(args);
    },
    { step: 'build', name: 'mtiR2CopyConditions' },
  );
  return command;
}
