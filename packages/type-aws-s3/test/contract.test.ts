import { functionsOf, offersRanges } from '@mti/core';
import { describeStorageContract } from '@mti/core/testing';
import { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { tierGaps } from './support/tierGaps';
import { tiers, verifyingTiers } from './support/tiers';

// The contract kit against the official Type, on every tier: s3rver always, Ceph RGW (which
// checks signatures, so the signed-URL tests mean more there) whenever its variables are set.
for (const tier of tiers) {
  describeStorageContract(`storages.AwsS3Type contract on ${tier.name}`, {
    async create() {
      const server = await tier.start();
      const app = buildApp([s3Record(server)]);
      return {
        storage: app.getElement<AwsS3Type>('storages.MyS3'),
        // getElement returns a handle: what the Instance offers comes from the app.
        offers: app.functionsOf('storages.MyS3').keys(),
        cleanup: async () => {
          await app.close();
          await server.stop();
        },
      };
    },
    functions: functionsOf(AwsS3Type).keys(),
    ranges: offersRanges(functionsOf(AwsS3Type)),
    conditionalWrites: true,
    unenforced: tierGaps[tier.name],
    // Above the default 8 MiB part size: buffers go through lib-storage's multipart upload and
    // streams through StreamUpload's parts, not just one PutObject.
    largeSize: 9 * 1024 * 1024,
  });
}

if (verifyingTiers.length === 0) {
  describe('storages.AwsS3Type contract on ceph-rgw', () => {
    it.todo('needs Ceph RGW: run .ci/rgw/start.sh and source its env file (CI always does)');
  });
}
