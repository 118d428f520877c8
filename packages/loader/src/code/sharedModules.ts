import core = require('@mti/core');
import awsS3 = require('@mti/type-aws-s3');
import disk = require('@mti/type-disk');

/** The names of the packages `sharedModules` offers, for tools that must see the same set. */
export const SHARED_PACKAGES = ['@mti/core', '@mti/type-aws-s3', '@mti/type-disk', '@mti/loader'] as const;

/**
 * The `@mti/*` packages app code may import, as this runtime has them loaded. Lazy, so the
 * loader can offer itself without a require cycle at start-up.
 */
export function sharedModules(): Map<string, () => unknown> {
  return new Map<string, () => unknown>([
    ['@mti/core', () => core],
    ['@mti/type-aws-s3', () => awsS3],
    ['@mti/type-disk', () => disk],
    ['@mti/loader', () => require('../index') as unknown],
  ]);
}
