import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import type { ContractContext } from './ContractContext';

/** delete: gone afterwards, and a missing key is not an error (as on S3). */
export function deleteContract(ctx: ContractContext): void {
  ctx.describe('delete', () => {
    const refused = ctx.refuses.delete;
    if (refused !== undefined) {
      ctx.it(`is refused with ${refused}, and the object stays`, async () => {
        const key = ctx.folder().key('kept.txt');
        await ctx.storage.uploadByFile(key, 'kept');
        await assertStorageError(() => ctx.storage.delete(key), { code: refused, operation: 'delete' });
        assertSameBytes(await ctx.storage.download(key), Buffer.from('kept'), 'still there');
      });
      return;
    }

    ctx.it('removes the object and says so', async () => {
      const key = ctx.folder().key('doomed.txt');
      await ctx.storage.uploadByFile(key, 'bye');
      assert.deepEqual(await ctx.storage.delete(key), { key, deleted: true });
      await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
      await assertStorageError(() => ctx.storage.getObject(key), { code: ErrorCode.NOT_FOUND });
    });

    ctx.it('succeeds for a key that is not there', async () => {
      const key = ctx.folder().key('never-was.txt');
      assert.deepEqual(await ctx.storage.delete(key), { key, deleted: true });
    });

    ctx.it('removes only that key, not others sharing its prefix', async () => {
      const folder = ctx.folder();
      const [a, ab] = [folder.key('a'), folder.key('a-b')];
      await ctx.storage.uploadByFile(a, 'a');
      await ctx.storage.uploadByFile(ab, 'ab');
      await ctx.storage.delete(a);
      assert.equal((await ctx.storage.download(ab)).toString(), 'ab');
    });
  });
}
