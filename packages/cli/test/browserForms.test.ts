import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, SignedUploadForm } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { type DiskApp, startDiskApp } from '../../type-disk/test/support/diskApp';
import { buildApp, s3Record } from '../../type-aws-s3/test/support/buildApp';
import { describeVerifying, runPrefix } from '../../type-aws-s3/test/support/tiers';
import { launchChromium, type RealBrowser } from './support/browser';

// A file chosen in a page's <input type=file> and sent through a signed upload form
// (getSignUploadForm), in Debian's Chromium: to storages.DiskType through the gateway (`mti
// serve`), from a page of another origin the gateway allows, as a web app would; and to Ceph RGW
// when its variables are set.

const KiB = 1024;

let chrome: RealBrowser;
let pageServer: Server;
let pageOrigin: string;
let files: string;

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** Bytes that differ at every position, so a truncated or shifted upload never passes. */
const patterned = (size: number, seed: number): Buffer =>
  Buffer.from(Array.from({ length: size }, (_, i) => (i * seed + (i >> 8)) & 0xff));

beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), 'mti-browser-forms-'));
  // The web app's page: it only has to exist on its own origin; each test builds its form in it.
  pageServer = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>upload</title>');
  });
  pageOrigin = `http://127.0.0.1:${await listen(pageServer)}`;
  chrome = await launchChromium();
}, 60_000);
afterAll(async () => {
  await chrome?.close();
  pageServer?.close();
  await rm(files, { recursive: true, force: true });
});

/**
 * Opens the page, builds `form` in it as an HTML form (its fields as hidden inputs, then a file
 * input), chooses `bytes` as the file through the file chooser, and sends the form with fetch
 * (`mode`: `cors` to read the answer, `no-cors` where the server has no CORS rule for the page).
 */
async function sendFromBrowser(
  form: SignedUploadForm,
  bytes: Buffer,
  mode: 'cors' | 'no-cors',
): Promise<{ status: number; body: string }> {
  const path = join(files, `upload-${bytes.length}.bin`);
  await writeFile(path, bytes);
  const page = await chrome.browser.newPage();
  try {
    await page.goto(`${pageOrigin}/`);
    // Scripts as text: this package's types have no DOM.
    await page.evaluate(`(() => {
      const signed = ${JSON.stringify(form)};
      const element = document.createElement('form');
      element.action = signed.url;
      element.method = 'post';
      element.enctype = 'multipart/form-data';
      for (const [name, value] of Object.entries(signed.fields)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        element.append(input);
      }
      const file = document.createElement('input');
      file.type = 'file';
      file.name = 'file';
      element.append(file);
      document.body.append(element);
    })()`);
    await page.setInputFiles('input[type=file]', path);
    return (await page.evaluate(`(async () => {
      const element = document.querySelector('form');
      const response = await fetch(element.action, { method: 'POST', body: new FormData(element), mode: ${JSON.stringify(mode)} });
      return { status: response.status, body: ${JSON.stringify(mode)} === 'cors' ? await response.text() : '' };
    })()`)) as { status: number; body: string };
  } finally {
    await page.close();
  }
}

describe('a browser upload form in Chromium, to storages.DiskType through the gateway', () => {
  let disk: DiskApp;
  beforeAll(async () => {
    disk = await startDiskApp({}, { allowedOrigins: [pageOrigin], token: 'browser-forms-token' });
  });
  afterAll(() => disk.close());

  it("stores the chosen file with the form's Content-Type; the page reads the answer", async () => {
    const bytes = patterned(300 * KiB, 7);
    const form = await disk.storage.getSignUploadForm('photos/from browser.jpg', 'image/jpeg', { maxBytes: 300 * KiB });
    const answer = await sendFromBrowser(form, bytes, 'cors');
    expect(answer.status).toBe(200);
    const { etag } = await disk.storage.getObject('photos/from browser.jpg');
    expect(JSON.parse(answer.body)).toMatchObject({ key: 'photos/from browser.jpg', etag, size: bytes.length });
    expect(await disk.storage.download('photos/from browser.jpg')).toEqual(bytes);
    expect((await disk.storage.getObject('photos/from browser.jpg')).contentType).toBe('image/jpeg');
  });

  it('shows the page a 413 EntityTooLarge for a file one byte over maxBytes, and stores nothing', async () => {
    const form = await disk.storage.getSignUploadForm('photos/too big.jpg', 'image/jpeg', { maxBytes: 64 * KiB });
    const answer = await sendFromBrowser(form, patterned(64 * KiB + 1, 9), 'cors');
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'file' });
    expect(await disk.storage.exists('photos/too big.jpg')).toBe(false);
  });
});

describeVerifying('a browser upload form in Chromium, to $name', (tier) => {
  let app: App;
  let s3: AwsS3Type;
  beforeAll(async () => {
    app = buildApp([s3Record(await tier.start(), { prefix: runPrefix() })]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
  });
  afterAll(() => app.close());

  // The bucket has no CORS rule for the page, so the page cannot read the answer: what the
  // server did is read back through the element instead.
  it("stores the chosen file with the form's Content-Type, and refuses one over maxBytes", async () => {
    const bytes = patterned(200 * KiB, 11);
    await sendFromBrowser(
      await s3.getSignUploadForm('from-browser.png', 'image/png', { maxBytes: 200 * KiB }),
      bytes,
      'no-cors',
    );
    expect(await s3.download('from-browser.png')).toEqual(bytes);
    expect((await s3.getObject('from-browser.png')).contentType).toBe('image/png');
    await sendFromBrowser(
      await s3.getSignUploadForm('too-big.png', 'image/png', { maxBytes: 100 * KiB }),
      bytes,
      'no-cors',
    );
    expect(await s3.exists('too-big.png')).toBe(false);
    await s3.delete('from-browser.png');
  });
});
