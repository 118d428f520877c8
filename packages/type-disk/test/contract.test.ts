import { functionsOf, offersRanges } from '@mti/core';
import { describeStorageContract } from '@mti/core/testing';
import { DiskType } from '@mti/type-disk';
import { startDiskApp } from './support/diskApp';

// The contract kit against the disk Type on a temporary folder; its signed-URL tests fetch
// through a real gateway, which answers them by asking the Instance to verify each request.
describeStorageContract('storages.DiskType contract on a temporary folder', {
  async create() {
    const disk = await startDiskApp();
    return {
      storage: disk.storage,
      offers: disk.app.functionsOf('storages.MyDisk').keys(),
      cleanup: () => disk.close(),
    };
  },
  functions: functionsOf(DiskType).keys(),
  ranges: offersRanges(functionsOf(DiskType)),
  conditionalWrites: true,
  largeSize: 9 * 1024 * 1024,
});

// The same with a prefix: every key lives under a subfolder of rootDir.
describeStorageContract('storages.DiskType contract with a prefix', {
  async create() {
    const disk = await startDiskApp({ prefix: '/tenant-a/' });
    return {
      storage: disk.storage,
      offers: disk.app.functionsOf('storages.MyDisk').keys(),
      cleanup: () => disk.close(),
    };
  },
  functions: functionsOf(DiskType).keys(),
  ranges: offersRanges(functionsOf(DiskType)),
  conditionalWrites: true,
});
