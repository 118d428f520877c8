import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertStorageError } from './assertions';
import type { ContractContext } from './ContractContext';

/** deleteMany: one result per name, in order; missing keys count as deleted, as with `delete`. */
export function deleteManyContract(ctx: ContractContext): void {
  ctx.whenOffered('deleteMany', () => {
    if (ctx.refuses.delete === undefined) {
      ctx.it('deletes existing keys and reports missing ones deleted, in order', async () => {
        const folder = ctx.folder();
        const [one, missing, two] = [folder.key('one'), folder.key('missing'), folder.key('deep/two 2')];
        await ctx.storage.uploadByFile(one, '1');
        await ctx.storage.uploadByFile(two, '2');
        const results = await ctx.optional.deleteMany([one, missing, two]);
        assert.deepEqual(
          results.map((r) => [r.key, r.deleted]),
          [
            [one, true],
            [missing, true],
            [two, true],
          ],
        );
        for (const key of [one, two])
          await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
      });
    }

    ctx.it('answers an empty list with an empty list', async () => {
      assert.deepEqual(await ctx.optional.deleteMany([]), []);
    });

    ctx.it('refuses a bad name with INVALID_ARGUMENT on its index, deleting nothing', async () => {
      const key = ctx.folder().key('survivor');
      await ctx.storage.uploadByFile(key, 'still here');
      await assertStorageError(() => ctx.optional.deleteMany([key, '../escape']), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'names[1]',
        operation: 'deleteMany',
      });
      assert.equal((await ctx.storage.download(key)).toString(), 'still here');
      await assertStorageError(() => ctx.optional.deleteMany(key as unknown as string[]), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'names',
        operation: 'deleteMany',
      });
    });
  });
}
