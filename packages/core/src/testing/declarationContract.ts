import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { StorageError } from '../errors/StorageError';
import type { ContractContext } from './ContractContext';
import { optionalFunctions } from './OptionalStorage';

const seedMethods = ['uploadByFile', 'download', 'getObject', 'delete', 'getSignUrl'] as const;

/**
 * The Instance is what the rest of the suite assumes: the five methods of `storages.Meta`, and
 * exactly the optional functions (ranges, conditional writes) the suite was told about. The later
 * checks are what keep the `functions`, `ranges` and `conditionalWrites` options honest: leaving
 * `list` out to skip its tests fails here instead.
 */
export function declarationContract(ctx: ContractContext): void {
  ctx.describe('declaration', () => {
    ctx.it('has the five methods of storages.Meta', async () => {
      const storage = ctx.storage as unknown as Record<string, unknown>;
      // Duck-typed, not `instanceof StorageMeta`: an Instance built by the loader may come from
      // another copy of @mti/core (the built one) than the kit's.
      for (const method of seedMethods) assert.equal(typeof storage[method], 'function', `${method} is a function`);
    });

    ctx.it('offers exactly the optional functions the suite was given', async () => {
      const offered = ctx.offered();
      const known = optionalFunctions.filter((name) => offered.has(name));
      assert.deepEqual(
        ctx.declaredOptional(),
        known,
        'the `functions` option must list every optional function the Instance offers, so each is tested ' +
          '(`functionsOf(YourType).keys()`); for an app handle, return `offers: app.functionsOf(name).keys()` from create',
      );
      const storage = ctx.storage as unknown as Record<string, unknown>;
      for (const name of known) assert.equal(typeof storage[name], 'function', `${name} is declared and implemented`);
    });

    ctx.it('reads byte ranges exactly when the suite was told so (`ranges`)', async () => {
      const key = ctx.folder().key('probe.txt');
      await ctx.storage.uploadByFile(key, 'ab', 'text/plain');
      // A Type without ranges ignores the extra argument (or refuses it): either way, not "b".
      const got = await ctx.optional.download(key, { range: { start: 1 } }).then(
        (bytes) => bytes.toString('latin1'),
        () => undefined,
      );
      assert.equal(
        got === 'b',
        ctx.ranges,
        ctx.ranges
          ? '`ranges: true`, but download(name, { range }) did not read the range'
          : 'the Instance reads ranges: pass `ranges: true` (`offersRanges(functionsOf(YourType))`) so they are tested',
      );
    });

    ctx.it('enforces conditional writes exactly when the suite was told so (`conditionalWrites`)', async () => {
      // Inconclusive where every overwrite is refused anyway, or where the server was declared
      // not to check them: the conditional-writes group tests those cases itself.
      if (ctx.refuses.overwrite !== undefined || ctx.unenforced.preconditions !== undefined) return;
      const key = ctx.folder().key('probe-create-only.txt');
      await ctx.storage.uploadByFile(key, 'first', 'text/plain');
      // A Type without them ignores the option (or refuses it as an argument): either way, no CONFLICT.
      const refused = await ctx.storage.uploadByFile(key, 'second', 'text/plain', { ifNoneMatch: '*' }).then(
        () => false,
        (error: unknown) => StorageError.is(error) && error.code === ErrorCode.CONFLICT,
      );
      assert.equal(
        refused,
        ctx.conditionalWrites,
        ctx.conditionalWrites
          ? '`conditionalWrites: true`, but a create-only upload (ifNoneMatch: "*") replaced an object; if the server does not check it, say so in `unenforced.preconditions`'
          : 'the Instance enforces conditional writes: pass `conditionalWrites: true` so they are tested',
      );
    });
  });
}
