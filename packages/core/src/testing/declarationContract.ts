import assert from 'node:assert/strict';
import type { ContractContext } from './ContractContext';
import { optionalFunctions } from './OptionalStorage';

const seedMethods = ['uploadByFile', 'download', 'getObject', 'delete', 'getSignUrl'] as const;

/**
 * The Instance is what the rest of the suite assumes: the five methods of `storages.Meta`, and
 * exactly the optional functions the suite was told about. The second check is what keeps the
 * `functions` option honest: leaving `list` out to skip its tests fails here instead.
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
  });
}
