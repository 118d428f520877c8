/**
 * R2's jurisdictions: a bucket created in one keeps its data there and is reached only through
 * that jurisdiction's endpoint, `<accountId>.<jurisdiction>.r2.cloudflarestorage.com` (eu and
 * fedramp in Cloudflare's R2 API token docs; us since August 2026, in its changelog).
 */
export const r2Jurisdictions: [string, ...string[]] = ['eu', 'fedramp', 'us'];
