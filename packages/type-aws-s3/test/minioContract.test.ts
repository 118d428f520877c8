import { functionsOf, offersRanges } from '@mti/core';
import { describeStorageContract } from '@mti/core/testing';
import { MinioType } from '@mti/type-aws-s3';
import { buildApp } from './support/buildApp';
import { minioRecord } from './support/serviceRecords';
import { tierGaps } from './support/tierGaps';
import { runPrefix, tiers, verifyingTiers } from './support/tiers';

// The contract kit against storages.MinioType on every tier. No MinIO server runs on these
// machines (no Docker, no Debian package); Ceph RGW speaks the same path-style S3 and checks
// signatures, and s3rver runs everywhere: MinioType's defaults (path style, us-east-1, no SDK
// default checksums) are what both are reached with.
for (const tier of tiers) {
  describeStorageContract(`storages.MinioType contract on ${tier.name}`, {
    async create() {
      const server = await tier.start();
      const app = buildApp([minioRecord(server, { prefix: runPrefix() })]);
      return {
        storage: app.getElement<MinioType>('storages.MyMinio'),
        offers: app.functionsOf('storages.MyMinio').keys(),
        cleanup: async () => {
          await app.close();
          await server.stop();
        },
      };
    },
    functions: functionsOf(MinioType).keys(),
    ranges: offersRanges(functionsOf(MinioType)),
    conditionalWrites: true,
    unenforced: tierGaps[tier.name],
    // Above the default 8 MiB part size, so multipart uploads of buffers and streams are tested.
    largeSize: 9 * 1024 * 1024,
  });
}

if (verifyingTiers.length === 0) {
  describe('storages.MinioType contract on ceph-rgw', () => {
    it.todo('needs Ceph RGW: run .ci/rgw/start.sh and source its env file (CI always does)');
  });
}
