import core = require('@mti/core');
import awsS3 = require('@mti/type-aws-s3');
import disk = require('@mti/type-disk');
import type { ElementRegistration } from '@mti/core';

/** A package the runtime brings: what it registers in every app, and the module Type code gets. */
export interface OfficialPackage {
  name: string;
  module: unknown;
  registrations: readonly ElementRegistration[];
}

/**
 * The one list of what every app is given: core's Metas and the official Types. Both the app's
 * registrations (`officialRegistrations`) and the modules Type code may import (`sharedModules`)
 * come from it, so a new official package is added here and nowhere else. The loader itself is
 * not offered to Type code: a Type has no business loading apps, and offering it made a cycle.
 */
export const officialPackages: readonly OfficialPackage[] = [
  { name: '@mti/core', module: core, registrations: [core.storagesMeta] },
  { name: '@mti/type-aws-s3', module: awsS3, registrations: awsS3.registrations },
  { name: '@mti/type-disk', module: disk, registrations: disk.registrations },
];

/** Every official Meta and Type, in the order the packages are listed. */
export function officialRegistrations(): ElementRegistration[] {
  return officialPackages.flatMap((entry) => entry.registrations);
}
