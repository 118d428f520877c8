import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned } from './bytes';
import type { ContractContext } from './ContractContext';

/** getSignUploadUrl: a PUT that plain `fetch` can make, after which the object reads back. */
export function signUploadContract(ctx: ContractContext): void {
  ctx.whenOffered('getSignUploadUrl', () => {
    // A Type that refuses to overwrite is checked in the refusals group instead, where signing
    // may be refused outright.
    if (ctx.refuses.overwrite === undefined) {
      ctx.it('gives a PUT that fetch can send; the object then downloads', async () => {
        const key = ctx.folder().key('uploaded/by browser 🌐.bin');
        const bytes = patterned(30_000, 71);
        const signed = await ctx.optional.getSignUploadUrl(key, 'application/x-browser', 120);
        assert.equal(signed.method, 'PUT');
        const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: bytes });
        await response.arrayBuffer();
        assert.ok(response.ok, `PUT answered ${response.status}`);
        assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
        assert.equal((await ctx.storage.getObject(key)).contentType, 'application/x-browser');
      });
    }

    ctx.it('refuses a bad key with INVALID_ARGUMENT on "file"', async () => {
      await assertStorageError(() => ctx.optional.getSignUploadUrl('', 'text/plain'), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'file',
        operation: 'getSignUploadUrl',
      });
    });
  });
}
