import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned } from './bytes';
import type { ContractContext } from './ContractContext';

/**
 * getSignUrl: a link anyone can GET with plain `fetch` (no SDK, no credentials) for a while.
 * What the link serves is checked, not how it is signed: that differs by Type.
 */
export function signUrlContract(ctx: ContractContext): void {
  ctx.describe('getSignUrl', () => {
    ctx.it('gives a URL that fetch reads: the bytes, with the requested Content-Type', async () => {
      const key = ctx.folder().key('signed.bin');
      const bytes = patterned(20_000, 31);
      await ctx.storage.uploadByFile(key, bytes, 'application/octet-stream');
      const url = await ctx.storage.getSignUrl(key, 'image/png', 120);
      assert.equal(typeof url, 'string');
      const response = await fetch(url);
      assert.equal(response.status, 200, `GET ${response.status}`);
      assert.equal(response.headers.get('content-type'), 'image/png', 'the link serves the requested type');
      assertSameBytes(Buffer.from(await response.arrayBuffer()), bytes, 'fetched');
    });

    ctx.it('uses a default expiry when none is given', async () => {
      const key = ctx.folder().key('default-expiry.txt');
      await ctx.storage.uploadByFile(key, 'hello', 'text/plain');
      const response = await fetch(await ctx.storage.getSignUrl(key, 'text/plain'));
      assert.equal(response.status, 200);
      assert.equal(await response.text(), 'hello');
    });

    ctx.it('signs a missing key (no lookup), whose link then fails', async () => {
      const key = ctx.folder().key('not-yet.txt');
      const response = await fetch(await ctx.storage.getSignUrl(key, 'text/plain'));
      await response.arrayBuffer();
      assert.ok(!response.ok, `GET of a missing object answered ${response.status}`);
    });

    ctx.it('refuses an expiry that is not a positive whole number of seconds', async () => {
      const key = ctx.folder().key('expiry.txt');
      for (const expires of [0, -5, 1.5, Number.NaN]) {
        await assertStorageError(() => ctx.storage.getSignUrl(key, 'text/plain', expires), {
          code: ErrorCode.INVALID_ARGUMENT,
          field: 'expires',
          operation: 'getSignUrl',
        });
      }
    });
  });
}
