import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway } from '@mti/cli';
import { seedConfig } from '../../loader/test/support/tempApp';
import { consoleHarness } from './support/consoleHarness';
import { throttleUploads } from './support/throttleUploads';

// The console of issue 16, end to end: the built page, in Debian's Chromium, against a gateway on
// a real app folder (watched), a real s3rver, and the person's steps: create, refuse, upload,
// browse, preview, share, rename, delete, and the token prompt. MTI_SCREENSHOTS=1 also saves the
// README's screenshots into docs/screenshots.

const TOKEN = 'console-e2e-token';
const MiB = 1024 * 1024;

const ui = consoleHarness('console-e2e');

describe('the console, in Chromium', () => {
  it('lists every element with its kind, Type chain, origin and status', async () => {
    await ui.open('#/');
    const row = ui.page.getByRole('row').filter({ hasText: 'storages.MyS3' });
    await expect(row.getByText('Instance')).toBeTruthy();
    await row.getByText('Ready').waitFor();
    expect(await row.innerText()).toMatch(/storages\.AwsS3Type\s*→\s*storages\.Meta/);
    expect(await row.innerText()).toContain('App');
    await ui.shot('elements');
    await ui.expectAccessible();
  });

  it('creates an Instance through the form and shows it ready', async () => {
    await ui.open('#/new');
    // One Meta, chosen already; of its two official Types, the S3 one.
    await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).waitFor();
    await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).check();
    expect(await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).isChecked()).toBe(true);
    await ui.page.getByLabel('Group').waitFor();
    expect(await ui.page.getByLabel('Group').inputValue()).toBe('storages');
    await ui.page.getByLabel(/^Name/).fill('Made');
    await ui.page.getByLabel(/^endPoint/).fill('${S3_ENDPOINT}');
    await ui.page.getByLabel(/^bucketName/).fill('mti-test');
    await ui.page.getByLabel(/^region/).fill('us-east-1');
    await ui.page.getByLabel(/^accessKeyId/).fill('${S3_ACCESS_KEY_ID}');
    await ui.page.getByRole('textbox', { name: /^accessKeySecret/ }).fill('${S3_ACCESS_KEY_SECRET}');
    await ui.page.getByLabel(/^prefix/).fill('made');
    // The JSON source view follows the form.
    const source = JSON.parse(await ui.page.getByLabel(/JSON source/).inputValue()) as Record<string, unknown>;
    expect(source).toMatchObject({ bucketName: 'mti-test', region: 'us-east-1', prefix: 'made' });
    await ui.shot('new-element');
    await ui.expectAccessible();
    await ui.page.getByRole('button', { name: 'Create element' }).click();
    await ui.page
      .getByText('storages.Made is ready', { exact: false })
      .or(ui.page.getByText(/Saved: storages\.Made is ready/))
      .first()
      .waitFor({ timeout: 15_000 });
    const written = JSON.parse(readFileSync(join(ui.folder.dir, 'storages/Made/Made.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(written).toMatchObject({ accessKeySecret: '${S3_ACCESS_KEY_SECRET}', bucketName: 'mti-test' });
    expect(ui.app.listElements().find((e) => e.fullName === 'storages.Made')?.status).toBe('ready');
  });

  it('refuses a bad value in the form before anything is written', async () => {
    await ui.open('#/new');
    await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).check();
    await ui.page.getByLabel(/^Name/).fill('BadRegion');
    await ui.page.getByLabel(/^endPoint/).fill('${S3_ENDPOINT}');
    await ui.page.getByLabel(/^bucketName/).fill('mti-test');
    await ui.page.getByLabel(/^region/).fill('us east 1');
    await ui.page.getByRole('button', { name: 'Create element' }).click();
    await ui.page.getByRole('alert').filter({ hasText: 'One field needs attention' }).waitFor();
    const region = ui.page.getByLabel(/^region/);
    expect(await region.getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field to fix.
    expect(await ui.page.evaluate('document.activeElement?.getAttribute("aria-invalid")')).toBe('true');
    expect(await ui.page.evaluate('document.activeElement?.closest(".field")?.textContent')).toMatch(/^region/);
    expect(existsSync(join(ui.folder.dir, 'storages/BadRegion'))).toBe(false);
  });

  it("shows the server's refusal on the field it names", async () => {
    await ui.open('#/new');
    await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).check();
    await ui.page.getByLabel(/^Name/).fill('HalfKeys');
    await ui.page.getByLabel(/^endPoint/).fill('${S3_ENDPOINT}');
    await ui.page.getByLabel(/^bucketName/).fill('mti-test');
    await ui.page.getByLabel(/^region/).fill('us-east-1');
    // The JSON Schema cannot say that the key id needs its secret; the Type's own check does.
    await ui.page.getByLabel(/^accessKeyId/).fill('AKIDONLY');
    await ui.page.getByRole('button', { name: 'Create element' }).click();
    await ui.page.getByRole('alert').filter({ hasText: 'did not save' }).waitFor();
    expect(await ui.page.getByRole('textbox', { name: /^accessKeySecret/ }).getAttribute('aria-invalid')).toBe('true');
    expect(existsSync(join(ui.folder.dir, 'storages/HalfKeys'))).toBe(false);
  });

  it("shows a bad file on disk as the element's error, live", async () => {
    await ui.open('#/');
    ui.folder.write('storages/Broken/e.json', { title: 'Broken on disk', type: 'storages.AwsS3Type' });
    ui.folder.write('storages/Broken/Broken.json', seedConfig({ bucketName: 'x' }));
    const row = ui.page.getByRole('row').filter({ hasText: 'storages.Broken' });
    await row.getByText('Error').waitFor({ timeout: 15_000 });
    const text = await row.innerText();
    expect(text).toContain('INVALID_CONFIG');
    expect(text).toContain('bucketName');
    expect(text).toContain('Broken.json');
  });

  it('uploads a 20 MiB file with its progress shown', async () => {
    const big = join(ui.scratch, 'big.bin');
    writeFileSync(big, Buffer.alloc(20 * MiB, 7));
    await ui.storage().uploadByFile('notes.txt', Buffer.from('Notes.'), 'text/plain');
    await ui.storage().uploadByFile('reports/2026-q1.csv', Buffer.from('a,b\n1,2\n'), 'text/csv');
    await ui.open('#/elements/storages.MyS3/browse/');
    await ui.page.getByRole('button', { name: 'Upload files' }).waitFor();
    // Slow the upload down enough to see it move, as it would over a real network.
    const unthrottle = await throttleUploads(ui.context, ui.page, 10 * MiB);
    // Every value the progress bars take, as the page shows them (browser code: a string, as
    // this file is compiled without the DOM's types).
    await ui.page.evaluate(`
      window.seen = [];
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('progress')) window.seen.push(bar.value);
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    `);
    await ui.page.locator('input[type=file][multiple]').setInputFiles(big);
    await ui.page.getByText(/Uploading [3-9]\d% of 20 MiB/).waitFor();
    await ui.shot('upload');
    await ui.page.getByText('Done (20 MiB)').waitFor({ timeout: 30_000 });
    await unthrottle();
    const seen = (await ui.page.evaluate('window.seen')) as number[];
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    expect((await ui.storage().getObject('big.bin')).size).toBe(20 * MiB);
    await ui.page.getByRole('button', { name: 'big.bin' }).waitFor();
    await ui.expectAccessible();
  }, 60_000);

  it('browses into a prefix and back by the breadcrumb', async () => {
    await ui.storage().uploadByFile('docs/readme.txt', Buffer.from('Read me first.\n<b>not bold</b>\n'), 'text/plain');
    await ui.storage().uploadByFile('docs/guide/step1.txt', Buffer.from('Step one.'), 'text/plain');
    await ui.open('#/elements/storages.MyS3/browse/');
    await ui.page.getByRole('link', { name: 'docs/' }).click();
    await ui.page.getByRole('button', { name: 'readme.txt' }).waitFor();
    expect(ui.page.url()).toContain('#/elements/storages.MyS3/browse/docs/');
    await ui.page.getByRole('link', { name: 'guide/' }).click();
    await ui.page.getByRole('button', { name: 'step1.txt' }).waitFor();
    const crumbs = ui.page.getByRole('navigation', { name: 'Folder' });
    await crumbs.getByRole('link', { name: 'docs' }).click();
    await ui.page.getByRole('button', { name: 'readme.txt' }).waitFor();
    await crumbs.getByRole('link', { name: 'storages.MyS3' }).click();
    await ui.page.getByRole('link', { name: 'docs/' }).waitFor();
    expect(ui.page.url()).toMatch(/browse\/$/);
  });

  it('shows the details and a text preview of a file, as text', async () => {
    await ui.open('#/elements/storages.MyS3/browse/docs/');
    await ui.page.getByRole('button', { name: 'readme.txt' }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'readme.txt' });
    await dialog.getByText('text/plain').waitFor();
    const preview = dialog.getByLabel('Start of docs/readme.txt');
    await preview.waitFor();
    // Shown as text: the markup is characters on the screen, not an element.
    expect(await preview.innerText()).toContain('<b>not bold</b>');
    expect(await dialog.locator('b').count()).toBe(0);
    await ui.shot('object-details');
    await ui.expectAccessible();
  });

  it('shares a link with an expiry, and the link serves the file', async () => {
    const dialog = ui.page.getByRole('dialog', { name: 'readme.txt' });
    await dialog.getByRole('button', { name: 'Share link' }).click();
    const share = ui.page.getByRole('dialog', { name: 'Share readme.txt' });
    await share.getByLabel('Expires after').selectOption({ label: '1 day' });
    await share.getByRole('button', { name: 'Create link' }).click();
    const url = await share.getByLabel(/^Link/).inputValue();
    expect(url).toMatch(/X-Amz-Expires=86400/);
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Read me first.');
    await share.getByRole('button', { name: 'Close' }).click();
  });

  it('renames a file', async () => {
    await ui.open('#/elements/storages.MyS3/browse/docs/');
    await ui.page.getByRole('button', { name: 'readme.txt' }).click();
    await ui.page.getByRole('dialog', { name: 'readme.txt' }).getByRole('button', { name: 'Rename or move' }).click();
    const rename = ui.page.getByRole('dialog', { name: /Rename docs\/readme\.txt/ });
    await rename.getByLabel('New key').fill('docs/renamed.txt');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await ui.page.getByRole('button', { name: 'renamed.txt' }).waitFor();
    expect(await ui.page.getByRole('button', { name: 'readme.txt' }).count()).toBe(0);
    expect(await ui.storage().exists('docs/readme.txt')).toBe(false);
    expect(await ui.storage().exists('docs/renamed.txt')).toBe(true);
  });

  it('deletes several files after asking', async () => {
    for (const n of [1, 2, 3]) await ui.storage().uploadByFile(`bulk/${n}.txt`, Buffer.from(`file ${n}`), 'text/plain');
    await ui.open('#/elements/storages.MyS3/browse/bulk/');
    await ui.page.getByRole('button', { name: '3.txt' }).waitFor();
    await ui.page.getByRole('checkbox', { name: 'Select every file on this page' }).check();
    await ui.page.getByRole('button', { name: 'Delete selected (3)' }).click();
    const confirm = ui.page.getByRole('alertdialog', { name: 'Delete 3 files?' });
    await confirm.getByRole('button', { name: 'Delete 3 files' }).click();
    await ui.page.getByText('This folder is empty').waitFor();
    for (const n of [1, 2, 3]) expect(await ui.storage().exists(`bulk/${n}.txt`)).toBe(false);
  });

  it('deletes an element after asking', async () => {
    await ui.open('#/elements/storages.Made');
    await ui.page.getByRole('button', { name: 'Delete' }).click();
    await ui.page
      .getByRole('alertdialog', { name: 'Delete storages.Made?' })
      .getByRole('button', { name: 'Delete the element' })
      .click();
    await ui.page.getByRole('heading', { name: 'Elements' }).waitFor();
    expect(existsSync(join(ui.folder.dir, 'storages/Made'))).toBe(false);
  });

  it('edits an Instance, keeping a literal secret it never shows', async () => {
    ui.folder.write('storages/Literal/e.json', { title: 'Literal keys', type: 'storages.AwsS3Type' });
    ui.folder.write('storages/Literal/Literal.json', seedConfig({ accessKeyId: 'S3RVER', accessKeySecret: 'S3RVER' }));
    await ui.open('#/');
    await ui.page
      .getByRole('row')
      .filter({ hasText: 'storages.Literal' })
      .getByText('Ready')
      .waitFor({ timeout: 15_000 });
    await ui.open('#/elements/storages.Literal/edit');
    const secret = ui.page.getByRole('textbox', { name: /^accessKeySecret/ });
    await secret.waitFor();
    expect(await secret.getAttribute('placeholder')).toMatch(/Kept, unchanged/);
    expect(await secret.inputValue()).toBe('');
    expect(await ui.page.getByLabel(/JSON source/).inputValue()).not.toContain('accessKeySecret');
    await ui.page.getByLabel(/^prefix/).fill('edited');
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText(/Saved: storages\.Literal is ready/).waitFor({ timeout: 15_000 });
    const written = JSON.parse(readFileSync(join(ui.folder.dir, 'storages/Literal/Literal.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(written).toMatchObject({ accessKeySecret: 'S3RVER', prefix: 'edited' });
  });

  it('asks for the token once, says plainly when it is wrong, and keeps it for the tab', async () => {
    const guarded = createGateway({ app: ui.app, token: TOKEN });
    const guardedBase = await guarded.listen({ port: 0, host: '127.0.0.1' });
    const other = await ui.chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const tab = await other.newPage();
      await tab.goto(`${guardedBase}/`);
      const ask = tab.getByRole('dialog', { name: 'This gateway needs a token' });
      await ask.waitFor();
      // One dialog, however many requests were refused.
      expect(await tab.getByRole('dialog').count()).toBe(1);
      await ui.expectAccessible(tab);
      await ask.getByLabel('Token').fill('not-the-token');
      await ask.getByRole('button', { name: 'Use this token' }).click();
      await ask.getByText('The gateway refused this token').waitFor();
      await ask.getByLabel('Token').fill(TOKEN);
      await ask.getByRole('button', { name: 'Use this token' }).click();
      await tab.getByRole('row').filter({ hasText: 'storages.MyS3' }).waitFor();
      await tab.getByRole('status').filter({ hasText: 'Live' }).waitFor();
      expect(await tab.evaluate(() => sessionStorage.getItem('mti.token'))).toBe(TOKEN);
      // A reload of the tab does not ask again.
      await tab.reload();
      await tab.getByRole('row').filter({ hasText: 'storages.MyS3' }).waitFor();
      expect(await tab.getByRole('dialog').count()).toBe(0);
    } finally {
      await other.close();
      await guarded.close();
    }
  });

  it('fetched nothing from anywhere but the gateway in all of the above', () => {
    expect(ui.offSiteRequests()).toEqual([]);
  });
});
