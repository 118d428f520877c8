import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned } from './bytes';
import type { ContractContext } from './ContractContext';

/** copy and move: the bytes and type arrive, the source stays (copy) or goes (move). */
export function copyMoveContract(ctx: ContractContext): void {
  ctx.whenOffered('copy', () => {
    ctx.it('copies bytes and content type to a new key, keeping the source', async () => {
      const folder = ctx.folder();
      const [from, to] = [folder.key('source.bin'), folder.key('copies/target 🎯.bin')];
      const bytes = patterned(10_000, 61);
      await ctx.storage.uploadByFile(from, bytes, 'application/x-original');
      const result = await ctx.optional.copy(from, to);
      assert.equal(result.from, from);
      assert.equal(result.to, to);
      assert.ok(typeof result.etag === 'string' && result.etag !== '', 'etag');
      assertSameBytes(await ctx.storage.download(to), bytes, 'copy');
      assertSameBytes(await ctx.storage.download(from), bytes, 'source');
      assert.equal((await ctx.storage.getObject(to)).contentType, 'application/x-original');
    });

    ctx.it('rejects a missing source with NOT_FOUND and creates nothing', async () => {
      const folder = ctx.folder();
      const [from, to] = [folder.key('missing.bin'), folder.key('target.bin')];
      await assertStorageError(() => ctx.optional.copy(from, to), { code: ErrorCode.NOT_FOUND, operation: 'copy' });
      await assertStorageError(() => ctx.storage.download(to), { code: ErrorCode.NOT_FOUND });
    });

    ctx.it('refuses bad keys with INVALID_ARGUMENT on "from" and "to"', async () => {
      const key = ctx.folder().key('fine.bin');
      await assertStorageError(() => ctx.optional.copy('', key), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'from',
        operation: 'copy',
      });
      await assertStorageError(() => ctx.optional.copy(key, '/abs'), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'to',
        operation: 'copy',
      });
    });
  });

  ctx.whenOffered('move', () => {
    // A Type that refuses to delete refuses move (see refusals); its argument checks still hold.
    if (ctx.refuses.delete === undefined) {
      ctx.it('moves bytes and content type; the source is gone', async () => {
        const folder = ctx.folder();
        const [from, to] = [folder.key('before.txt'), folder.key('after/renamed.txt')];
        await ctx.storage.uploadByFile(from, 'moving', 'text/markdown');
        const result = await ctx.optional.move(from, to);
        assert.equal(result.from, from);
        assert.equal(result.to, to);
        assert.equal((await ctx.storage.download(to)).toString(), 'moving');
        assert.equal((await ctx.storage.getObject(to)).contentType, 'text/markdown');
        await assertStorageError(() => ctx.storage.download(from), { code: ErrorCode.NOT_FOUND });
      });

      ctx.it('rejects a missing source with NOT_FOUND', async () => {
        const folder = ctx.folder();
        await assertStorageError(() => ctx.optional.move(folder.key('missing.txt'), folder.key('target.txt')), {
          code: ErrorCode.NOT_FOUND,
          operation: 'move',
        });
      });
    }

    ctx.it('refuses bad keys with INVALID_ARGUMENT on "from" and "to"', async () => {
      const key = ctx.folder().key('fine.txt');
      await assertStorageError(() => ctx.optional.move('a//b', key), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'from',
        operation: 'move',
      });
      await assertStorageError(() => ctx.optional.move(key, ''), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'to',
        operation: 'move',
      });
    });
  });
}
