import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { ErrorCode, type SignedUploadForm } from '@mti/core';
import { type DiskApp, startDiskApp } from './support/diskApp';

// storages.DiskType's upload forms, answered by a real gateway (`mti serve`'s): the fields are
// checked by the element, the file streams into the storage within the form's bounds, and a
// refused file leaves nothing, not even a temporary file.

const TOKEN = 'gateway-token-for-the-form-tests';
const MiB = 1024 * 1024;

let disk: DiskApp;

beforeAll(async () => {
  // A gateway that wants its bearer token everywhere else, and takes uploads of up to 8 MiB.
  disk = await startDiskApp({}, { token: TOKEN, uploadLimit: 8 * MiB });
});
afterAll(() => disk.close());
afterEach(() => jest.restoreAllMocks());

interface Answer {
  status: number;
  body: { code?: string; message?: string; field?: string; key?: string; etag?: string };
}

/** POSTs the form's fields (changed by `change`; `null` drops one) and then `file`, as a browser does. */
async function post(
  form: SignedUploadForm,
  file: Uint8Array | undefined,
  change: Record<string, string | null> = {},
  fileField = 'file',
): Promise<Answer> {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...change }))
    if (value !== null) body.append(name, value);
  if (file !== undefined) body.append(fileField, new Blob([file]), 'upload.bin');
  const response = await fetch(form.url, { method: form.method, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function temporaries(): Promise<string[]> {
  const entries = await readdir(disk.rootDir, { recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.split('/').some((segment) => segment.startsWith('.mti-tmp-')));
}

const stored = (key: string) => disk.storage.exists(key);

describe('a signed upload form on the disk', () => {
  it("is a POST to the element's signed path with the Content-Type, bounds, expiry and signature as fields", async () => {
    const form = await disk.storage.getSignUploadForm('forms/a b.png', 'image/png', { maxBytes: 100, minBytes: 1 });
    expect(form.method).toBe('POST');
    expect(form.url).toBe(`${disk.baseUrl}/api/signed/storages.MyDisk/forms/a%20b.png`);
    expect(Object.keys(form.fields).sort()).toEqual(['Content-Type', 'expires', 'maxBytes', 'minBytes', 'signature']);
    expect(form.fields).toMatchObject({ 'Content-Type': 'image/png', maxBytes: '100', minBytes: '1' });
    expect(JSON.stringify(form)).not.toContain('test-signing-secret');
  });

  it('stores the file with the signed Content-Type, without the bearer token, and answers its ETag', async () => {
    const form = await disk.storage.getSignUploadForm('forms/ok.bin', 'application/x-ok', { maxBytes: 1000 });
    const answer = await post(form, Buffer.alloc(1000, 7));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      key: 'forms/ok.bin',
      etag: (await disk.storage.getObject('forms/ok.bin')).etag,
    });
    expect(await disk.storage.download('forms/ok.bin')).toEqual(Buffer.alloc(1000, 7));
    expect((await disk.storage.getObject('forms/ok.bin')).contentType).toBe('application/x-ok');
  });

  it('refuses a file over maxBytes with 413 EntityTooLarge while it streams; nothing is stored', async () => {
    const form = await disk.storage.getSignUploadForm('forms/big.bin', 'application/octet-stream', { maxBytes: MiB });
    // Several MiB: the refusal comes while the file streams, not after it was received whole.
    const answer = await post(form, Buffer.alloc(6 * MiB, 1));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, field: 'file' });
    expect(answer.body.message).toMatch(/^EntityTooLarge/);
    expect(await stored('forms/big.bin')).toBe(false);
    expect(await temporaries()).toEqual([]);
  });

  it('refuses a file under minBytes with 400 EntityTooSmall; nothing is stored', async () => {
    const form = await disk.storage.getSignUploadForm('forms/small.bin', 'text/plain', { maxBytes: 100, minBytes: 10 });
    const answer = await post(form, Buffer.from('tiny'));
    expect(answer).toMatchObject({ status: 400, body: { code: ErrorCode.INVALID_ARGUMENT, field: 'file' } });
    expect(answer.body.message).toMatch(/^EntityTooSmall/);
    expect(await stored('forms/small.bin')).toBe(false);
    expect(await temporaries()).toEqual([]);
  });

  it("holds the gateway's own upload limit below a larger maxBytes", async () => {
    const form = await disk.storage.getSignUploadForm('forms/huge.bin', 'text/plain', { maxBytes: 64 * MiB });
    const answer = await post(form, Buffer.alloc(8 * MiB + 1, 3));
    expect(answer.status).toBe(413);
    expect(await stored('forms/huge.bin')).toBe(false);
  });

  it('is 403 ACCESS_DENIED for a changed Content-Type, bound, expiry or signature, another key, or once expired; nothing is stored', async () => {
    const form = await disk.storage.getSignUploadForm('forms/signed.png', 'image/png', { maxBytes: 100 });
    const signature = form.fields.signature as string;
    const changes: Array<Record<string, string | null>> = [
      { 'Content-Type': 'text/html' },
      { maxBytes: '1000000' },
      { minBytes: '0' === form.fields.minBytes ? '1' : '0' },
      { expires: String(Number(form.fields.expires) + 3600) },
      { signature: `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}` },
      { signature: null },
      { maxBytes: null },
    ];
    for (const change of changes) {
      const answer = await post(form, Buffer.from('png'), change);
      expect([change, answer.status, answer.body.code]).toEqual([change, 403, ErrorCode.ACCESS_DENIED]);
    }
    const elsewhere = await post({ ...form, url: form.url.replace('signed.png', 'other.png') }, Buffer.from('png'));
    expect(elsewhere.status).toBe(403);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 301_000);
    const late = await post(form, Buffer.from('png'));
    expect(late.status).toBe(403);
    expect(late.body.message).toMatch(/expired/);
    jest.restoreAllMocks();
    expect(await stored('forms/signed.png')).toBe(false);
    expect(await stored('forms/other.png')).toBe(false);
  });

  it('takes the file only after the fields, in a field named "file", and ignores whatever follows it', async () => {
    const form = await disk.storage.getSignUploadForm('forms/order.txt', 'text/plain', { maxBytes: 100 });
    // The file first: the fields it needs have not arrived, so it is not a signed form.
    const first = new FormData();
    first.append('file', new Blob(['early']), 'a.txt');
    for (const [name, value] of Object.entries(form.fields)) first.append(name, value);
    expect((await fetch(form.url, { method: 'POST', body: first })).status).toBe(403);
    expect((await post(form, Buffer.from('x'), {}, 'upload')).status).toBe(400);
    expect((await post(form, undefined)).status).toBe(400);
    const after = new FormData();
    for (const [name, value] of Object.entries(form.fields)) after.append(name, value);
    after.append('file', new Blob(['the file']), 'a.txt');
    after.append('Content-Type', 'text/html');
    after.append('file', new Blob(['a second file']), 'b.txt');
    expect((await fetch(form.url, { method: 'POST', body: after })).status).toBe(200);
    expect((await disk.storage.download('forms/order.txt')).toString()).toBe('the file');
    expect((await disk.storage.getObject('forms/order.txt')).contentType).toBe('text/plain');
  });

  it('answers only multipart/form-data (415), and only for elements that sign forms', async () => {
    const form = await disk.storage.getSignUploadForm('forms/json.txt', 'text/plain', { maxBytes: 100 });
    const json = await fetch(form.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const nowhere = await fetch(`${disk.baseUrl}/api/signed/storages.Nope/a.txt`, {
      method: 'POST',
      body: new FormData(),
    });
    expect(nowhere.status).toBe(404);
  });

  it('refuses a body whose declared length is past the upload limit before reading it', async () => {
    const form = await disk.storage.getSignUploadForm('forms/declared.bin', 'text/plain', { maxBytes: 100 });
    const status = await new Promise<number>((resolve, reject) => {
      const sent = request(form.url, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(9 * MiB) },
      });
      sent.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sent.on('error', reject);
      sent.write('--x\r\n');
    });
    expect(status).toBe(413);
  });

  it("is signed through the gateway's call route too, as the console or another client would ask for it", async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const listed = (await (await fetch(`${disk.baseUrl}/api/elements`, { headers: auth })).json()) as Array<{
      fullName: string;
      functions?: Array<{ name: string; params: string[] }>;
    }>;
    const functions = listed.find((element) => element.fullName === 'storages.MyDisk')?.functions ?? [];
    expect(functions.find((fn) => fn.name === 'getSignUploadForm')?.params).toEqual(['file', 'contentType', 'options']);
    const called = await fetch(`${disk.baseUrl}/api/elements/storages.MyDisk/getSignUploadForm`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(['forms/called.txt', 'text/plain', { maxBytes: 100 }]),
    });
    expect(called.status).toBe(200);
    const form = (await called.json()) as SignedUploadForm;
    expect((await post(form, Buffer.from('through the call route'))).status).toBe(200);
    expect((await disk.storage.download('forms/called.txt')).toString()).toBe('through the call route');
  });

  it('is INVALID_CONFIG on signingSecret for an element without one, and checks its options first', async () => {
    const unsigned = await startDiskApp({ signingSecret: undefined });
    try {
      await expect(unsigned.storage.getSignUploadForm('a.txt', 'text/plain', { maxBytes: 10 })).rejects.toMatchObject({
        code: ErrorCode.INVALID_CONFIG,
        field: 'signingSecret',
      });
      await expect(unsigned.storage.getSignUploadForm('a.txt', 'text/plain', { maxBytes: 0 })).rejects.toMatchObject({
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'options.maxBytes',
      });
    } finally {
      await unsigned.close();
    }
  });
});
