import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import { oddKeys } from './badKeys';
import type { ContractContext } from './ContractContext';

/**
 * Keys with characters that URLs, signatures and file systems treat specially come back exactly
 * as written, through every method — the usual place where a Type encodes twice or not at all.
 */
export function keysContract(ctx: ContractContext): void {
  ctx.describe('keys with odd characters', () => {
    for (const [label, name] of oddKeys) {
      ctx.it(`round-trip: ${label}`, async () => {
        const folder = ctx.folder();
        const key = folder.key(name);
        const body = Buffer.from(`body of ${name}`);
        const uploaded = await ctx.storage.uploadByFile(key, body, 'text/plain');
        assert.equal(uploaded.key, key, 'upload result key');
        assertSameBytes(await ctx.storage.download(key), body, 'downloaded');
        assert.equal((await ctx.storage.getObject(key)).key, key, 'getObject key');

        const response = await fetch(await ctx.storage.getSignUrl(key, 'text/plain'));
        assert.equal(response.status, 200, 'signed GET');
        assertSameBytes(Buffer.from(await response.arrayBuffer()), body, 'fetched through the signed URL');

        if (ctx.offers('exists')) assert.equal(await ctx.optional.exists(key), true, 'exists');
        if (ctx.offers('list')) {
          const listed = await ctx.optional.list(`${folder.path}/`);
          assert.deepEqual(
            listed.items.map((item) => item.key),
            [key],
            'list shows the key as written',
          );
        }
        if (ctx.refuses.delete === undefined) {
          await ctx.storage.delete(key);
          await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
        }
      });
    }
  });
}
