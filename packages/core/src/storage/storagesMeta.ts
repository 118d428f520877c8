import type { ElementRegistration } from '../element/ElementRegistration';
import { StorageMeta } from './StorageMeta';

/** The storage Meta every app has, as JitAI's framework app provides it. */
export const storagesMeta: ElementRegistration = {
  fullName: 'storages.Meta',
  title: 'Storage',
  implementation: StorageMeta,
  source: '@mti/core',
};
