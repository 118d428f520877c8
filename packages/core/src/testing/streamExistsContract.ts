import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned, readAll } from './bytes';
import type { ContractContext } from './ContractContext';

/** downloadStream and exists, when the Instance offers them. */
export function streamExistsContract(ctx: ContractContext): void {
  ctx.whenOffered('downloadStream', () => {
    ctx.it('streams the stored bytes', async () => {
      const key = ctx.folder().key('streamed.bin');
      const bytes = patterned(300_000, 51);
      await ctx.storage.uploadByFile(key, bytes);
      assertSameBytes(await readAll(await ctx.optional.downloadStream(key)), bytes, 'streamed');
    });

    ctx.it('streams an empty object as an empty stream', async () => {
      const key = ctx.folder().key('empty.bin');
      await ctx.storage.uploadByFile(key, Buffer.alloc(0));
      assert.equal((await readAll(await ctx.optional.downloadStream(key))).length, 0);
    });

    ctx.it('rejects a missing key with NOT_FOUND, and a bad one with INVALID_ARGUMENT', async () => {
      const key = ctx.folder().key('missing.bin');
      await assertStorageError(() => ctx.optional.downloadStream(key), {
        code: ErrorCode.NOT_FOUND,
        operation: 'downloadStream',
      });
      await assertStorageError(() => ctx.optional.downloadStream(''), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'name',
        operation: 'downloadStream',
      });
    });
  });

  ctx.whenOffered('exists', () => {
    ctx.it('is true for a stored object and false for a missing one', async () => {
      const folder = ctx.folder();
      const [there, missing] = [folder.key('there.txt'), folder.key('missing.txt')];
      await ctx.storage.uploadByFile(there, 'x');
      assert.equal(await ctx.optional.exists(there), true);
      assert.equal(await ctx.optional.exists(missing), false);
      // A folder-like prefix of a stored key is not an object.
      assert.equal(await ctx.optional.exists(folder.path), false);
    });

    if (ctx.refuses.delete === undefined) {
      ctx.it('is false once the object is deleted', async () => {
        const key = ctx.folder().key('deleted.txt');
        await ctx.storage.uploadByFile(key, 'x');
        await ctx.storage.delete(key);
        assert.equal(await ctx.optional.exists(key), false);
      });
    }

    ctx.it('refuses a bad key with INVALID_ARGUMENT', async () => {
      await assertStorageError(() => ctx.optional.exists('a/../b'), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'name',
        operation: 'exists',
      });
    });
  });
}
