import { randomUUID } from 'node:crypto';
import { s3rverAccount } from './s3rverAccount';
import { startS3rver } from './startS3rver';

/** Where one tier's tests store objects, and what that server can prove. */
export interface TierServer {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  bucketName: string;
  region: string;
  /** Only servers that check SigV4 can show that signing (and refusing bad signatures) works. */
  verifiesSignatures: boolean;
  stop(): Promise<void>;
}

export interface Tier {
  name: string;
  start(): Promise<TierServer>;
}

const s3rverTier: Tier = {
  name: 's3rver',
  async start() {
    const bucketName = 'mti-test';
    const server = await startS3rver([bucketName]);
    return { ...s3rverAccount, endpoint: server.endpoint, bucketName, stop: () => server.stop() };
  },
};

const rgw = {
  endpoint: process.env.MTI_RGW_ENDPOINT,
  accessKeyId: process.env.MTI_RGW_ACCESS_KEY,
  accessKeySecret: process.env.MTI_RGW_SECRET_KEY,
  bucketName: process.env.MTI_RGW_BUCKET,
  region: process.env.MTI_RGW_REGION ?? 'us-east-1',
};

const rgwTier: Tier = {
  name: 'ceph-rgw',
  async start() {
    return { ...(rgw as { [K in keyof typeof rgw]: string }), verifiesSignatures: true, stop: async () => {} };
  },
};

const rgwConfigured =
  rgw.endpoint !== undefined &&
  rgw.accessKeyId !== undefined &&
  rgw.accessKeySecret !== undefined &&
  rgw.bucketName !== undefined;

if (process.env.CI === 'true' && !rgwConfigured) {
  // CI must run the signature-verifying tier; a missing RGW is a broken pipeline, not a skip.
  throw new Error(
    'CI=true but MTI_RGW_ENDPOINT/MTI_RGW_ACCESS_KEY/MTI_RGW_SECRET_KEY/MTI_RGW_BUCKET are not set: run .ci/rgw/start.sh first',
  );
}

/** Always s3rver; Ceph RGW too when `.ci/rgw/start.sh` has set its variables. */
export const tiers: Tier[] = rgwConfigured ? [s3rverTier, rgwTier] : [s3rverTier];

/** Tiers whose server verifies signatures (RGW). */
export const verifyingTiers: Tier[] = tiers.filter((tier) => tier.name === 'ceph-rgw');

/** A key namespace per test file run, so parallel files on one RGW bucket never collide. */
export function runPrefix(): string {
  return `t-${randomUUID().slice(0, 8)}`;
}

/**
 * `describe.each` over the signature-verifying tiers. Without RGW (a developer machine) the
 * block shows up as a todo in the report rather than vanishing; CI refuses to run without it.
 */
export function describeVerifying(title: string, body: (tier: Tier) => void): void {
  if (verifyingTiers.length > 0) {
    describe.each(verifyingTiers)(title, body);
  } else {
    describe(title.replace('$name', 'ceph-rgw'), () => {
      it.todo('needs Ceph RGW: run .ci/rgw/start.sh and source its env file (CI always does)');
    });
  }
}
