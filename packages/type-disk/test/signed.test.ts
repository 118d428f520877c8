import { request } from 'node:http';
import { ErrorCode, StorageError } from '@mti/core';
import { type DiskApp, startDiskApp } from './support/diskApp';

const TOKEN = 'gateway-token-for-the-signed-tests';

let disk: DiskApp;

beforeAll(async () => {
  // A gateway that wants its bearer token everywhere else: signed URLs need none.
  disk = await startDiskApp({}, { token: TOKEN });
  await disk.storage.uploadByFile('docs/report.txt', 'the report', 'text/plain');
});

afterAll(() => disk.close());

afterEach(() => jest.restoreAllMocks());

async function status(url: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}

/** The URL with one query parameter replaced. */
function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.href;
}

describe('signed GET', () => {
  it('serves the object with the signed type and the object headers, without the token', async () => {
    const url = await disk.storage.getSignUrl('docs/report.txt', 'application/x-report', 60);
    expect(url.startsWith(`${disk.baseUrl}/api/signed/storages.MyDisk/docs/report.txt?`)).toBe(true);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-report');
    expect(response.headers.get('etag')).toBe((await disk.storage.getObject('docs/report.txt')).etag);
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(await response.text()).toBe('the report');
    // The ordinary file route on the same gateway still wants the token.
    expect((await status(`${disk.baseUrl}/api/elements/storages.MyDisk/files/docs/report.txt`)).status).toBe(401);
  });

  it('is 403 ACCESS_DENIED when any signed part is changed', async () => {
    const url = await disk.storage.getSignUrl('docs/report.txt', 'text/plain', 60);
    const signature = new URL(url).searchParams.get('signature') as string;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const tampered = [
      withParam(url, 'signature', flipped),
      withParam(url, 'signature', signature.slice(1)),
      withParam(url, 'signature', ''),
      withParam(url, 'type', 'text/html'),
      withParam(url, 'expires', String(Number(new URL(url).searchParams.get('expires')) + 3600)),
      url.replace('/docs/report.txt?', '/docs/other.txt?'),
      url.replace('?', '?x=1&').replace(/&signature=[^&]*/, ''),
    ];
    for (const changed of tampered) {
      const { status: code, body } = await status(changed);
      expect([changed, code, JSON.parse(body).code]).toEqual([changed, 403, ErrorCode.ACCESS_DENIED]);
    }
  });

  it('is 403 once expired', async () => {
    const url = await disk.storage.getSignUrl('docs/report.txt', 'text/plain', 60);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    const { status: code, body } = await status(url);
    expect(code).toBe(403);
    expect(JSON.parse(body).message).toMatch(/expired/);
  });

  it('is not answered for another Host (the guard applies)', async () => {
    const url = new URL(await disk.storage.getSignUrl('docs/report.txt', 'text/plain', 60));
    const code = await new Promise<number>((resolve, reject) => {
      const sent = request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { host: 'evil.example' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      sent.on('error', reject);
      sent.end();
    });
    expect(code).toBe(403);
  });
});

describe('signed PUT', () => {
  it('stores the body with the signed type', async () => {
    const signed = await disk.storage.getSignUploadUrl('uploads/new.csv', 'text/csv', 60);
    const response = await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: 'a,b\n1,2\n' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { etag: string }).etag).toBe(
      (await disk.storage.getObject('uploads/new.csv')).etag,
    );
    expect((await disk.storage.download('uploads/new.csv')).toString()).toBe('a,b\n1,2\n');
    expect((await disk.storage.getObject('uploads/new.csv')).contentType).toBe('text/csv');
  });

  it('is 403 with another Content-Type, with a GET URL, or once expired; nothing is stored', async () => {
    const signed = await disk.storage.getSignUploadUrl('uploads/refused.csv', 'text/csv', 60);
    expect(
      (await status(signed.url, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: 'x' })).status,
    ).toBe(403);
    const getUrl = await disk.storage.getSignUrl('uploads/refused.csv', 'text/csv', 60);
    expect((await status(getUrl, { method: 'PUT', headers: signed.headers, body: 'x' })).status).toBe(403);
    expect((await status(signed.url)).status).toBe(403);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 61_000);
    expect((await status(signed.url, { method: 'PUT', headers: signed.headers, body: 'x' })).status).toBe(403);
    jest.restoreAllMocks();
    expect(await disk.storage.exists('uploads/refused.csv')).toBe(false);
  });
});

describe('without signingSecret', () => {
  let plain: DiskApp;
  beforeAll(async () => {
    plain = await startDiskApp({ signingSecret: undefined });
  });
  afterAll(() => plain.close());

  it('refuses to sign with INVALID_CONFIG on signingSecret, and the route answers 403', async () => {
    let error: unknown;
    await plain.storage.getSignUrl('a.txt', 'text/plain').catch((e: unknown) => (error = e));
    expect(StorageError.is(error) && [error.code, error.field]).toEqual([ErrorCode.INVALID_CONFIG, 'signingSecret']);
    const forged = `${plain.baseUrl}/api/signed/storages.MyDisk/a.txt?expires=9999999999&type=text%2Fplain&signature=x`;
    expect((await status(forged)).status).toBe(403);
  });

  it('answers a Meta with 400, an unknown element with 404, a bad element name with 400', async () => {
    const tail = 'a.txt?expires=1&type=x&signature=x';
    expect((await status(`${plain.baseUrl}/api/signed/storages.Meta/${tail}`)).status).toBe(400);
    expect((await status(`${plain.baseUrl}/api/signed/storages.Nobody/${tail}`)).status).toBe(404);
    expect((await status(`${plain.baseUrl}/api/signed/..%2Fx/${tail}`)).status).toBe(400);
  });
});
