import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import { assertStorageError } from './assertions';
import type { ContractContext } from './ContractContext';

/** list: by prefix, grouped by a delimiter, page by page with a cursor, within a limit. */
export function listContract(ctx: ContractContext): void {
  ctx.whenOffered('list', () => {
    /** A small tree under a fresh folder: two "subfolders" and two files at the top. */
    async function tree() {
      const folder = ctx.folder();
      const names = ['a/1.txt', 'a/2.txt', 'b/3.txt', 'c.txt', 'd.txt'];
      const keys = names.map((name) => folder.key(name));
      await Promise.all(keys.map((key, i) => ctx.storage.uploadByFile(key, 'x'.repeat(i + 1))));
      return { folder, keys };
    }

    ctx.it('lists every key under a prefix, with its size, and nothing outside it', async () => {
      const { folder, keys } = await tree();
      const page = await ctx.optional.list(`${folder.path}/`);
      assert.deepEqual(page.items.map((item) => item.key).sort(), [...keys].sort());
      for (const item of page.items) {
        assert.equal(item.size, keys.indexOf(item.key) + 1, `${item.key} size`);
        assert.ok(typeof item.etag === 'string' && item.etag !== '', `${item.key} etag`);
      }
      assert.deepEqual(page.prefixes, []);
      assert.equal(page.nextCursor, undefined, 'one page');
      // A prefix is a string prefix, not a folder: "…/a" matches a/1.txt and a/2.txt only.
      const narrowed = await ctx.optional.list(`${folder.path}/a`);
      assert.deepEqual(narrowed.items.map((item) => item.key).sort(), keys.slice(0, 2).sort());
    });

    ctx.it('groups by a delimiter into prefixes', async () => {
      const { folder } = await tree();
      const page = await ctx.optional.list(`${folder.path}/`, { delimiter: '/' });
      assert.deepEqual(page.items.map((item) => item.key).sort(), [`${folder.path}/c.txt`, `${folder.path}/d.txt`]);
      assert.deepEqual([...page.prefixes].sort(), [`${folder.path}/a/`, `${folder.path}/b/`]);
    });

    ctx.it('pages with limit and nextCursor: every key once, no page over the limit', async () => {
      const { folder, keys } = await tree();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await ctx.optional.list(`${folder.path}/`, { limit: 2, ...(cursor ? { cursor } : {}) });
        assert.ok(page.items.length <= 2, `page ${pages} has ${page.items.length} items`);
        seen.push(...page.items.map((item) => item.key));
        cursor = page.nextCursor;
        assert.ok(++pages <= keys.length, 'paging ends');
      } while (cursor !== undefined);
      assert.deepEqual([...seen].sort(), [...keys].sort());
      assert.equal(new Set(seen).size, seen.length, 'no key twice');
      assert.ok(pages >= 3, `5 keys at 2 a page take 3 pages, got ${pages}`);
    });

    ctx.it('answers an empty page for a prefix with nothing under it', async () => {
      const folder = ctx.folder();
      assert.deepEqual(await ctx.optional.list(`${folder.path}/`), { items: [], prefixes: [], nextCursor: undefined });
    });

    ctx.it('refuses a bad limit, cursor or prefix with INVALID_ARGUMENT', async () => {
      const folder = ctx.folder();
      for (const limit of [0, -1, 1.5]) {
        await assertStorageError(() => ctx.optional.list(`${folder.path}/`, { limit }), {
          code: ErrorCode.INVALID_ARGUMENT,
          field: 'limit',
          operation: 'list',
        });
      }
      await assertStorageError(() => ctx.optional.list(`${folder.path}/`, { cursor: 'not-a-cursor' }), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'cursor',
        operation: 'list',
      });
      await assertStorageError(() => ctx.optional.list('../'), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'prefix',
        operation: 'list',
      });
    });
  });
}
