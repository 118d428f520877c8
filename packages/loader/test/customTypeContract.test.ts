import { join } from 'node:path';
import { createApp, ErrorCode, functionsOf, offersRanges, type StorageMeta, storagesMeta } from '@mti/core';
import { describeStorageContract } from '@mti/core/testing';
import { loadApp } from '@mti/loader';
import { AwsS3Type, registrations } from '@mti/type-aws-s3';
import { tierGaps } from '../../type-aws-s3/test/support/tierGaps';
import { s3Env } from './support/s3';

// The contract kit against apps/custom-type as the loader builds it: the team's override of
// storages.AwsS3Type (Instance storages.Reports) and its new write-once Type (storages.Archive).
const folder = join(__dirname, '../../../apps/custom-type');

/** The app folder loaded against a fresh s3rver; `cleanup` closes both. */
async function loadCustomType(instance: string) {
  const { server, env } = await s3Env('mti-custom-contract');
  const app = await loadApp(folder, { env: { ...env, TENANT: 'contract' } });
  return {
    env,
    storage: app.getElement<StorageMeta>(instance),
    offers: app.functionsOf(instance).keys(),
    cleanup: async () => {
      await app.close();
      await server.stop();
    },
  };
}

describeStorageContract('apps/custom-type: storages.Reports (the Acme override of storages.AwsS3Type)', {
  create: () => loadCustomType('storages.Reports'),
  // Inherited from the official class, so the override must keep them working too.
  functions: functionsOf(AwsS3Type).keys(),
  ranges: offersRanges(functionsOf(AwsS3Type)),
  // Inherited too; s3rver checks none of the conditions or POST policies, which the kit shows.
  conditionalWrites: true,
  unenforced: tierGaps.s3rver,
  largeSize: 9 * 1024 * 1024,
});

// Write-once by design: replacing and deleting are refused with CONFLICT, which the kit then
// checks on every route (copy, move, deleteMany, signed PUTs). What the suite wrote is removed
// through a plain AwsS3Type Instance on the same bucket and prefix.
let plain: { storage: AwsS3Type; close(): Promise<void> } | undefined;
describeStorageContract('apps/custom-type: storages.Archive (storages.WriteOnceS3Type)', {
  async create() {
    const loaded = await loadCustomType('storages.Archive');
    const app = createApp({
      name: 'archive-cleaner',
      registrations: [storagesMeta, ...registrations],
      env: {},
      elements: [
        {
          folder: 'storages/Cleaner',
          declaration: { title: 'Cleaner', type: 'storages.AwsS3Type', backendBundleEntry: '.', variables: [] },
          config: {
            accessKeyId: loaded.env.S3_ACCESS_KEY_ID,
            accessKeySecret: loaded.env.S3_ACCESS_KEY_SECRET,
            endPoint: loaded.env.S3_ENDPOINT,
            bucketName: loaded.env.S3_BUCKET,
            region: 'us-east-1',
            prefix: 'archive',
          },
        },
      ],
    });
    plain = { storage: app.getElement<AwsS3Type>('storages.Cleaner'), close: () => app.close() };
    return {
      ...loaded,
      cleanup: async () => {
        await plain?.close();
        await loaded.cleanup();
      },
    };
  },
  functions: functionsOf(AwsS3Type).keys(),
  ranges: offersRanges(functionsOf(AwsS3Type)),
  refuses: { overwrite: ErrorCode.CONFLICT, delete: ErrorCode.CONFLICT },
  remove: async (keys) => {
    await plain?.storage.deleteMany(keys);
  },
  largeSize: 9 * 1024 * 1024,
});
