/** The S3 API endpoint of an R2 account, in a jurisdiction when one is named. */
export function r2Endpoint(accountId: string, jurisdiction?: string): string {
  return `https://${accountId}${jurisdiction === undefined ? '' : `.${jurisdiction}`}.r2.cloudflarestorage.com`;
}
