import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway } from '@mti/cli';
import { consoleHarness } from './support/consoleHarness';
import { throttleUploads } from './support/throttleUploads';

// Uploads from the console (issue 16) beyond the happy path: cancelled half-way, refused by a
// full gateway and tried again, and whole folders from the folder picker.

const ui = consoleHarness('console-uploads');
const MiB = 1024 * 1024;

/** A gateway on the same app that streams one upload at a time, for the length of `use`. */
async function withOneUploadSlot(use: (base: string) => Promise<void>): Promise<void> {
  const gateway = createGateway({ app: ui.app, maxUploads: 1 });
  try {
    await use(await gateway.listen({ port: 0, host: '127.0.0.1' }));
  } finally {
    await gateway.close();
  }
}

/** Starts recording every state the upload rows show into `window.states` (browser code). */
const recordUploadStates = () =>
  ui.page.evaluate(`
    window.states = new Set();
    new MutationObserver(() => {
      for (const row of document.querySelectorAll('.upload-state')) window.states.add(row.textContent);
    }).observe(document.body, { subtree: true, characterData: true, childList: true });
  `);

const file = (name: string, bytes: number, fill: number) => {
  const path = join(ui.scratch, name);
  writeFileSync(path, Buffer.alloc(bytes, fill));
  return path;
};

describe('uploads from the console, in Chromium', () => {
  it('cancels an upload: the row says so, nothing is stored, and the gateway takes the next one', async () => {
    const big = file('cancelled.bin', 20 * MiB, 1);
    const next = file('after.txt', 1024, 2);
    // One upload slot: if the cancelled upload kept it, the next one could never go through.
    await withOneUploadSlot(async (base) => {
      await ui.open('#/elements/storages.MyS3/browse/cancel/', base);
      const unthrottle = await throttleUploads(ui.context, ui.page, 2 * MiB);
      try {
        await ui.page.locator('input[type=file][multiple]').setInputFiles(big);
        await ui.page.getByText(/Uploading [1-9]\d?% of 20 MiB/).waitFor();
        await ui.page.getByRole('button', { name: 'Cancel the upload of cancel/cancelled.bin' }).click();
        const row = ui.page.getByRole('listitem').filter({ hasText: 'cancel/cancelled.bin' });
        await row.getByText('Cancelled', { exact: true }).waitFor();
        expect(await row.getByRole('button', { name: /Cancel/ }).count()).toBe(0);
      } finally {
        await unthrottle();
      }
      await ui.page.locator('input[type=file][multiple]').setInputFiles(next);
      await ui.page
        .getByRole('listitem')
        .filter({ hasText: 'cancel/after.txt' })
        .getByText('Done (1.0 KiB)')
        .waitFor({ timeout: 15_000 });
    });
    expect(await ui.storage().exists('cancel/after.txt')).toBe(true);
    expect(await ui.storage().exists('cancel/cancelled.bin')).toBe(false);
  }, 60_000);

  it('tries an upload the full gateway answered 503 again after its Retry-After', async () => {
    const first = file('first.bin', 6 * MiB, 3);
    const second = file('second.bin', 6 * MiB, 4);
    await withOneUploadSlot(async (base) => {
      await ui.open('#/elements/storages.MyS3/browse/retry/', base);
      await recordUploadStates();
      // Slow enough that the first still holds the one slot when the second asks for it.
      const unthrottle = await throttleUploads(ui.context, ui.page, 4 * MiB);
      try {
        await ui.page.locator('input[type=file][multiple]').setInputFiles([first, second]);
        for (const name of ['retry/first.bin', 'retry/second.bin'])
          await ui.page
            .getByRole('listitem')
            .filter({ hasText: name })
            .getByText('Done (6.0 MiB)')
            .waitFor({ timeout: 30_000 });
      } finally {
        await unthrottle();
      }
    });
    const states = (await ui.page.evaluate('[...window.states]')) as string[];
    expect(states).toContain('Gateway busy, retrying');
    expect(states.filter((state) => state.startsWith('Failed'))).toEqual([]);
    expect((await ui.storage().getObject('retry/first.bin')).size).toBe(6 * MiB);
    expect((await ui.storage().getObject('retry/second.bin')).size).toBe(6 * MiB);
  }, 60_000);

  it('uploads a folder from the folder picker, keys keeping their folder paths', async () => {
    const album = join(ui.scratch, 'album');
    mkdirSync(join(album, 'day 2'), { recursive: true });
    writeFileSync(join(album, 'cover.txt'), 'cover');
    writeFileSync(join(album, 'day 2', 'notes.txt'), 'notes of day 2');
    await ui.open('#/elements/storages.MyS3/browse/folders/');
    await ui.page.locator('input[webkitdirectory]').setInputFiles(album);
    await ui.page.getByText('2 files added to the uploads.').waitFor();
    for (const key of ['folders/album/cover.txt', 'folders/album/day 2/notes.txt'])
      await ui.page.getByRole('listitem').filter({ hasText: key }).getByText(/^Done/).waitFor();
    expect(await ui.storage().exists('folders/album/cover.txt')).toBe(true);
    expect(await ui.storage().exists('folders/album/day 2/notes.txt')).toBe(true);
    // The listing follows: the folder is there to open.
    await ui.page.getByRole('link', { name: 'album/' }).click();
    await ui.page.getByRole('link', { name: 'day 2/' }).waitFor();
    await ui.page.getByRole('button', { name: 'cover.txt' }).waitFor();
  });
});
