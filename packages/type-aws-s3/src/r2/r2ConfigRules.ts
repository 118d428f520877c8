import type { z } from '@mti/core';

interface R2Fields {
  accountId?: string | undefined;
  jurisdiction?: string | undefined;
  endPoint?: string | undefined;
}

/** What an R2 config must say beyond an S3 one's rules: where the account is. */
export function r2ConfigRules(config: R2Fields, ctx: z.RefinementCtx): void {
  if (config.accountId === undefined && config.endPoint === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['accountId'],
      message:
        'set accountId (the endpoint https://<accountId>.r2.cloudflarestorage.com is made from it), or endPoint to reach R2 through another address',
    });
  }
  if (config.accountId !== undefined && config.endPoint !== undefined) {
    // Two sources for one address: which one wins would be a guess, and a wrong guess sends the
    // requests (and their signatures) to another host than the one the user checked.
    ctx.addIssue({
      code: 'custom',
      path: ['endPoint'],
      message: 'set accountId or endPoint, not both: the endpoint is made from accountId (and jurisdiction)',
    });
  } else if (config.jurisdiction !== undefined && config.accountId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['jurisdiction'],
      message:
        'jurisdiction picks the endpoint made from accountId (https://<accountId>.<jurisdiction>.r2.cloudflarestorage.com); set accountId, or name the jurisdiction in endPoint',
    });
  }
}
