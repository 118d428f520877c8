import assert from 'node:assert/strict';
import { ErrorCode } from '../errors/ErrorCode';
import type { UploadFormOptions } from '../storage/uploadFormTypes';
import { assertSameBytes, assertStorageError } from './assertions';
import { patterned } from './bytes';
import type { ContractContext } from './ContractContext';
import { postForm } from './postForm';

/** Options the form must refuse, and the field each is refused on. */
const badOptions: ReadonlyArray<readonly [options: unknown, field: string]> = [
  [undefined, 'options'],
  [{}, 'options.maxBytes'],
  [{ maxBytes: 0 }, 'options.maxBytes'],
  [{ maxBytes: 1.5 }, 'options.maxBytes'],
  [{ maxBytes: 6 * 1024 ** 3 }, 'options.maxBytes'],
  [{ maxBytes: 10, minBytes: 11 }, 'options.minBytes'],
  [{ maxBytes: 10, minBytes: -1 }, 'options.minBytes'],
  [{ maxBytes: 10, expires: 0 }, 'options.expires'],
  [{ maxBytes: 10, expires: 604_801 }, 'options.expires'],
];

/**
 * getSignUploadForm: a form that plain `fetch` can POST, after which the object reads back with
 * the form's Content-Type; a file outside the size bounds or a changed Content-Type field is
 * refused and nothing is stored. What the server was declared not to check
 * (`unenforced.formPolicy`) is tested as a gap: the file that should be refused is stored.
 */
export function uploadFormContract(ctx: ContractContext): void {
  ctx.whenOffered('getSignUploadForm', () => {
    const sign = (key: string, options: UploadFormOptions, contentType = 'application/x-form') =>
      ctx.optional.getSignUploadForm(key, contentType, options);

    const refused = ctx.refuses.uploadForm;
    if (refused !== undefined) {
      // Declared refused: that is all there is to test, on every key and every bound.
      ctx.it(`refuses every upload form with ${refused}, naming the key`, async () => {
        const key = ctx.folder().key('refused/form.bin');
        for (const options of [{ maxBytes: 1000 }, { maxBytes: 10, minBytes: 1, expires: 60 }]) {
          const error = await assertStorageError(() => sign(key, options), { code: refused });
          assert.ok(error.key?.endsWith('refused/form.bin'), `error key: ${String(error.key)}`);
        }
        await assertStorageError(() => ctx.storage.download(key), { code: ErrorCode.NOT_FOUND });
      });
      return;
    }

    // A Type that refuses to overwrite is checked in the refusals group instead.
    if (ctx.refuses.overwrite === undefined) {
      ctx.it("gives a form that fetch can POST; the file is stored with the form's Content-Type", async () => {
        const key = ctx.folder().key('posted/by form 📮.bin');
        const bytes = patterned(20_000, 81);
        const form = await sign(key, { maxBytes: 20_000, minBytes: 1, expires: 120 });
        assert.equal(form.method, 'POST');
        const response = await postForm(form, bytes);
        assert.ok(response.ok, `POST answered ${response.status}: ${response.text.slice(0, 300)}`);
        assertSameBytes(await ctx.storage.download(key), bytes, 'downloaded');
        assert.equal((await ctx.storage.getObject(key)).contentType, 'application/x-form');
      });
    }

    // A Type that refuses to overwrite refuses forms (a POST policy cannot say "create only"),
    // which the refusals group checks.
    const { formPolicy } = ctx.unenforced;
    const policyChecked = ctx.refuses.overwrite === undefined && formPolicy === undefined;
    if (policyChecked) {
      ctx.it('refuses a file over maxBytes or under minBytes, and stores nothing', async () => {
        const folder = ctx.folder();
        for (const [name, size] of [
          ['over.bin', 1001],
          ['under.bin', 9],
        ] as const) {
          const key = folder.key(name);
          const response = await postForm(await sign(key, { maxBytes: 1000, minBytes: 10 }), patterned(size, 82));
          assert.ok(!response.ok, `${size} bytes: POST answered ${response.status}`);
          assert.ok(response.status === 400 || response.status === 413, `${size} bytes: status ${response.status}`);
          await assertStorageError(() => ctx.storage.getObject(key), { code: ErrorCode.NOT_FOUND });
        }
      });

      ctx.it('refuses a form whose Content-Type field was changed with 403, and stores nothing', async () => {
        const key = ctx.folder().key('retyped.html');
        const form = await sign(key, { maxBytes: 1000 }, 'image/png');
        const response = await postForm(form, Buffer.from('<script>alert(1)</script>'), {
          'Content-Type': 'text/html',
        });
        assert.equal(response.status, 403, `POST answered ${response.status}`);
        await assertStorageError(() => ctx.storage.getObject(key), { code: ErrorCode.NOT_FOUND });
      });
    } else if (ctx.refuses.overwrite === undefined) {
      ctx.it(
        `the server does not check the form's policy (declared: ${formPolicy}): a file over maxBytes was stored`,
        async () => {
          const key = ctx.folder().key('unchecked.bin');
          const bytes = patterned(1001, 83);
          const response = await postForm(await sign(key, { maxBytes: 1000 }), bytes);
          assert.ok(response.ok, `POST answered ${response.status}: ${response.text.slice(0, 300)}`);
          assertSameBytes(
            await ctx.storage.download(key),
            bytes,
            'the server now checks POST policies: remove `unenforced.formPolicy`',
          );
        },
      );
    }

    ctx.it('refuses bad options with INVALID_ARGUMENT on the option, and a bad key on "file"', async () => {
      const key = ctx.folder().key('never.bin');
      for (const [options, field] of badOptions) {
        await assertStorageError(() => sign(key, options as UploadFormOptions), {
          code: ErrorCode.INVALID_ARGUMENT,
          field,
          operation: 'getSignUploadForm',
        });
      }
      await assertStorageError(() => sign('', { maxBytes: 10 }), {
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'file',
        operation: 'getSignUploadForm',
      });
    });
  });
}
