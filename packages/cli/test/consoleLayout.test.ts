import { consoleHarness } from './support/consoleHarness';

// The console for people (issue 16) on a phone's width and without a mouse: no page wider than
// the screen, no serious accessibility violation there, and a whole flow done with keys only.

const ui = consoleHarness('console-layout');
const LONG_NAME = `a-file-name-with-no-place-to-break-${'x'.repeat(60)}.txt`;

beforeAll(async () => {
  await ui.storage().uploadByFile('notes.txt', Buffer.from('Notes.'), 'text/plain');
  await ui.storage().uploadByFile(LONG_NAME, Buffer.from('Long.'), 'text/plain');
  await ui.storage().uploadByFile('photos/one.txt', Buffer.from('One.'), 'text/plain');
});

/** How far the page scrolls sideways: 0 when nothing is wider than the window. */
const overflow = () => ui.page.evaluate('document.scrollingElement.scrollWidth - window.innerWidth') as Promise<number>;

/** The name of what has the keyboard focus: its aria-label, its label's text, or its own text. */
const focused = () =>
  ui.page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return '';
    return (element.getAttribute('aria-label') || element.labels?.[0]?.textContent || element.textContent || '').trim();
  })()`) as Promise<string>;

/** Presses Tab until the focus is on a control whose name matches. */
async function tabTo(name: RegExp): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await ui.page.keyboard.press('Tab');
    if (name.test(await focused())) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('the console at a phone width, in Chromium', () => {
  beforeAll(() => ui.page.setViewportSize({ width: 390, height: 844 }));
  afterAll(() => ui.page.setViewportSize({ width: 1280, height: 800 }));

  it('fits the element list in the width of the screen, accessibly', async () => {
    await ui.open('#/');
    await ui.page.getByRole('row').filter({ hasText: 'storages.MyS3' }).getByText('Ready').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await ui.expectAccessible();
  });

  it('fits the storage browser, a long file name included', async () => {
    await ui.open('#/elements/storages.MyS3/browse/');
    await ui.page.getByRole('button', { name: LONG_NAME }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await ui.expectAccessible();
  });

  it('fits the new element form', async () => {
    await ui.open('#/new');
    // The choice of Type first (storages.Meta has two official ones), then its form.
    await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await ui.page.getByRole('radio', { name: /storages\.AwsS3Type/ }).check();
    await ui.page.getByLabel(/^bucketName/).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await ui.expectAccessible();
  });
});

describe('the console with the keyboard only, in Chromium', () => {
  it('opens a storage, changes the page size, selects a file, opens its details and closes them', async () => {
    const page = ui.page;
    await ui.open('#/');
    await page.getByRole('row').filter({ hasText: 'storages.MyS3' }).getByText('Ready').waitFor();
    await tabTo(/^storages\.MyS3$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'storages.MyS3' }).waitFor();
    await tabTo(/^Browse files$/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'notes.txt' }).waitFor();
    // A select takes the arrow keys.
    await tabTo(/^Per page/);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Per page').inputValue()).toBe('250');
    // Space ticks a checkbox.
    await tabTo(/^Select notes\.txt$/);
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Select notes.txt' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Delete selected (1)' }).waitFor();
    // Enter opens the file's details in a dialog, which takes the focus.
    await tabTo(/^notes\.txt$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'notes.txt' });
    await dialog.getByText('text/plain').waitFor();
    expect(await page.evaluate('document.activeElement?.closest("dialog") !== null')).toBe(true);
    // Escape closes it, and the focus is back on the file it was opened from.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused()).toBe('notes.txt');
  });
});
