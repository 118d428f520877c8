import type { ElementRegistration } from '@mti/core';
import { DiskType } from './DiskType';

export const diskRegistration: ElementRegistration = {
  fullName: 'storages.DiskType',
  title: 'Local Disk Storage',
  type: 'storages.Meta',
  implementation: DiskType,
  source: '@mti/type-disk',
};

/** What this package contributes to an app (the loader gives it to every app). */
export const registrations: readonly ElementRegistration[] = [diskRegistration];
