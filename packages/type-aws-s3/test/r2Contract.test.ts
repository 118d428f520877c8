import { ErrorCode, functionsOf, offersRanges } from '@mti/core';
import { describeStorageContract } from '@mti/core/testing';
import { CloudflareR2Type } from '@mti/type-aws-s3';
import { buildApp } from './support/buildApp';
import { r2Record } from './support/serviceRecords';
import { tierGaps } from './support/tierGaps';
import { runPrefix, tiers, verifyingTiers } from './support/tiers';

// The contract kit against storages.CloudflareR2Type on every tier. No R2 is reachable from
// these machines; `endPoint` (which R2's config takes in place of `accountId`, for a proxy) points
// the Type at the tier's server instead, with R2's own rules otherwise: region `auto` in every
// signature (RGW verifies signatures whatever region the scope names), checksums only where an
// operation requires one, R2's copy-condition headers. Path style, because the servers here
// answer on an IP address, where a bucket cannot be a host name.
for (const tier of tiers) {
  describeStorageContract(`storages.CloudflareR2Type contract on ${tier.name} (as if it were R2)`, {
    async create() {
      const server = await tier.start();
      const app = buildApp([
        r2Record({
          accessKeyId: server.accessKeyId,
          accessKeySecret: server.accessKeySecret,
          endPoint: server.endpoint,
          bucketName: server.bucketName,
          forcePathStyle: true,
          prefix: runPrefix(),
        }),
      ]);
      return {
        storage: app.getElement<CloudflareR2Type>('storages.MyR2'),
        offers: app.functionsOf('storages.MyR2').keys(),
        cleanup: async () => {
          await app.close();
          await server.stop();
        },
      };
    },
    functions: functionsOf(CloudflareR2Type).keys(),
    ranges: offersRanges(functionsOf(CloudflareR2Type)),
    conditionalWrites: true,
    unenforced: tierGaps[tier.name],
    // R2 takes no POST uploads: the Type refuses every form.
    refuses: { uploadForm: ErrorCode.INVALID_CONFIG },
    largeSize: 9 * 1024 * 1024,
  });
}

if (verifyingTiers.length === 0) {
  describe('storages.CloudflareR2Type contract on ceph-rgw', () => {
    it.todo('needs Ceph RGW: run .ci/rgw/start.sh and source its env file (CI always does)');
  });
}
