import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import {
  type App,
  type ByteRange,
  createApp,
  type ElementFunctions,
  type ElementRegistration,
  storagesMeta,
} from '@mti/core';
import type { LoadedApp } from '@mti/loader';
import { DiskType, registrations as diskRegistrations } from '@mti/type-disk';
import type { RunningS3rver } from '../../loader/test/support/s3';
import type { TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// The gateway's GET answers Range (RFC 9110 §14): 206 with Content-Range for one satisfiable
// range, 416 for one past the end, the whole object for anything else, If-Range honoured with
// the ETag. Against a real s3rver and a real disk folder, through every route that serves
// objects (files, links, signed URLs) and through the call route's download arguments.

const SIZE = 1000;
/** 1000 bytes that differ from their neighbours, so a shifted part never passes. */
const object = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7 + 3) % 251));
const SECRET = 'ranges-signing-secret-0123456789abcdef';

/** A disk Type that declares no ranges (as a Type under storages.Meta may): the gateway ignores Range for it. */
class WholeDiskType extends DiskType {
  static override readonly functions: ElementFunctions = {
    download: { params: ['name'] },
    downloadStream: { params: ['name'] },
  };
}
const wholeDisk: ElementRegistration = {
  fullName: 'storages.WholeDiskType',
  title: 'Disk without ranges',
  type: 'storages.Meta',
  implementation: WholeDiskType,
  source: 'gatewayRanges.test.ts',
};

/**
 * A disk Type whose stream is `gate`, which the test feeds itself (the bytes of the range asked
 * for), so it can see what the client has before the storage has given everything.
 */
const gate = new PassThrough();
class GatedDiskType extends DiskType {
  override async downloadStream(name: string, range?: ByteRange): Promise<Readable> {
    (await super.downloadStream(name, range)).destroy();
    return gate;
  }
}
const gatedDisk: ElementRegistration = {
  ...wholeDisk,
  fullName: 'storages.GatedDiskType',
  implementation: GatedDiskType,
};

interface Uploader {
  uploadByFile(name: string, data: Buffer, contentType?: string): Promise<{ etag: string }>;
  getSignUrl(file: string, contentType: string): Promise<string>;
}

let s3: { server: RunningS3rver; folder: TempApp; app: LoadedApp };
let disk: App;
let rootDir: string;
const gateways = new OpenGateways();
let s3Base: string;
let diskBase: string;

beforeAll(async () => {
  s3 = await seedS3App({ config: { prefix: 'ranges' }, watch: false });
  s3Base = await gateways.at({ app: s3.app });
  rootDir = mkdtempSync(join(tmpdir(), 'mti-ranges-'));
  const declaration = (type: string) => ({ title: type, type, backendBundleEntry: '.', variables: [] });
  disk = createApp({
    name: 'gateway-ranges',
    registrations: [storagesMeta, ...diskRegistrations, wholeDisk, gatedDisk],
    elements: [
      {
        folder: 'storages/MyDisk',
        declaration: declaration('storages.DiskType'),
        config: { rootDir: join(rootDir, 'ranged'), signingSecret: SECRET },
      },
      {
        folder: 'storages/Whole',
        declaration: declaration('storages.WholeDiskType'),
        config: { rootDir: join(rootDir, 'whole') },
      },
      {
        folder: 'storages/Gated',
        declaration: declaration('storages.GatedDiskType'),
        config: { rootDir: join(rootDir, 'gated') },
      },
    ],
  });
  diskBase = await gateways.at({ app: disk, console: false });
  for (const storage of [
    s3.app.getElement<Uploader>('storages.MyS3'),
    disk.getElement<Uploader>('storages.MyDisk'),
    disk.getElement<Uploader>('storages.Whole'),
    disk.getElement<Uploader>('storages.Gated'),
  ]) {
    await storage.uploadByFile('media/clip.bin', object, 'video/mp4');
    await storage.uploadByFile('media/empty.bin', Buffer.alloc(0), 'audio/wav');
  }
});

afterAll(async () => {
  await gateways.close();
  await disk?.close();
  if (s3 !== undefined) await closeSeedS3App(s3);
  if (rootDir !== undefined) rmSync(rootDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
}

async function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const response = await fetch(url, { method, headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function expectPart(answer: Answer, start: number, end: number, size = SIZE): void {
  expect(answer.status).toBe(206);
  expect(answer.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
  expect(answer.headers.get('content-length')).toBe(String(end - start + 1));
  expect(answer.headers.get('accept-ranges')).toBe('bytes');
  expect(answer.body.equals(object.subarray(start, end + 1))).toBe(true);
}

function expectWhole(answer: Answer): void {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-range')).toBeNull();
  expect(answer.headers.get('content-length')).toBe(String(SIZE));
  expect(answer.body.equals(object)).toBe(true);
}

const storages: Array<[string, () => string]> = [
  ['storages.AwsS3Type on s3rver', () => `${s3Base}/api/elements/storages.MyS3/files/`],
  ['storages.DiskType', () => `${diskBase}/api/elements/storages.MyDisk/files/`],
];

describe.each(storages)('GET …/files/<key> with Range, %s', (_label, files) => {
  const clip = () => `${files()}media/clip.bin`;

  it('says Accept-Ranges: bytes on GET and HEAD', async () => {
    expectWhole(await get(clip()));
    expect((await get(clip())).headers.get('accept-ranges')).toBe('bytes');
    const head = await get(clip(), {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });

  it('answers the first byte, the last byte and a span with 206 and Content-Range', async () => {
    expectPart(await get(clip(), { range: 'bytes=0-0' }), 0, 0);
    expectPart(await get(clip(), { range: `bytes=${SIZE - 1}-${SIZE - 1}` }), SIZE - 1, SIZE - 1);
    expectPart(await get(clip(), { range: 'bytes=100-199' }), 100, 199);
  });

  it('answers an open end, an end past the last byte and a suffix', async () => {
    expectPart(await get(clip(), { range: 'bytes=990-' }), 990, SIZE - 1);
    expectPart(await get(clip(), { range: 'bytes=990-5000' }), 990, SIZE - 1);
    expectPart(await get(clip(), { range: 'bytes=-10' }), SIZE - 10, SIZE - 1);
    // A suffix longer than the object is all of it, still as a part.
    expectPart(await get(clip(), { range: 'bytes=-5000' }), 0, SIZE - 1);
    expectPart(await get(clip(), { range: 'bytes=0-' }), 0, SIZE - 1);
  });

  it('keeps the object headers on a 206', async () => {
    const part = await get(`${clip()}?disposition=attachment`, { range: 'bytes=5-9' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('video/mp4');
    expect(part.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(part.headers.get('content-disposition')).toBe('attachment; filename="clip.bin"');
    expect(part.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('answers a range past the end with 416, Content-Range bytes */size and a coded error', async () => {
    for (const range of [`bytes=${SIZE}-`, `bytes=${SIZE + 10}-${SIZE + 20}`, 'bytes=-0']) {
      const refused = await get(clip(), { range });
      expect(refused.status).toBe(416);
      expect(refused.headers.get('content-range')).toBe(`bytes */${SIZE}`);
      expect(JSON.parse(refused.body.toString())).toEqual({
        code: 'INVALID_ARGUMENT',
        message: `range not satisfiable: the object is ${SIZE} bytes`,
        field: 'range',
      });
    }
  });

  it('answers several ranges, malformed ones and other units with the whole object', async () => {
    for (const range of ['bytes=0-1,5-6', 'bytes=5-1', 'bytes=abc', 'items=0-1', 'bytes=-', 'bytes=1-2-3']) {
      const answer = await get(clip(), { range });
      expect({ range, status: answer.status }).toEqual({ range, status: 200 });
      expectWhole(answer);
    }
  });

  it('honours If-Range with the ETag: a match gets the part, anything else the whole object', async () => {
    const etag = (await get(clip(), {}, 'HEAD')).headers.get('etag') as string;
    expectPart(await get(clip(), { range: 'bytes=10-19', 'if-range': etag }), 10, 19);
    expectWhole(await get(clip(), { range: 'bytes=10-19', 'if-range': '"0123456789abcdef0123456789abcdef"' }));
    expectWhole(await get(clip(), { range: 'bytes=10-19', 'if-range': `W/${etag}` }));
    // A date is not an ETag: the copy the client holds may be another version.
    expectWhole(await get(clip(), { range: 'bytes=10-19', 'if-range': new Date(Date.now() + 3600_000).toUTCString() }));
  });

  it('answers 416 for any range of an empty object, and a suffix with the (empty) whole', async () => {
    const empty = `${files()}media/empty.bin`;
    const refused = await get(empty, { range: 'bytes=0-' });
    expect(refused.status).toBe(416);
    expect(refused.headers.get('content-range')).toBe('bytes */0');
    const suffix = await get(empty, { range: 'bytes=-5' });
    expect(suffix.status).toBe(200);
    expect(suffix.body.length).toBe(0);
  });

  it('answers a range on a link too, without the token', async () => {
    const element = files().replace(/\/files\/$/, '');
    const made = await fetch(`${element}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'media/clip.bin', disposition: 'inline' }),
    });
    const { url } = (await made.json()) as { url: string };
    const origin = new URL(files()).origin;
    expectPart(await get(`${origin}${url}`, { range: 'bytes=500-' }), 500, SIZE - 1);
    expectWhole(await get(`${origin}${url}`));
  });
});

describe('ranges through the other routes', () => {
  it("a disk element's signed GET answers Range with the signed Content-Type", async () => {
    const signed = new URL(
      await disk.getElement<Uploader>('storages.MyDisk').getSignUrl('media/clip.bin', 'application/octet-stream'),
    );
    const url = `${diskBase}${signed.pathname}${signed.search}`;
    const part = await get(url, { range: 'bytes=-100' });
    expectPart(part, SIZE - 100, SIZE - 1);
    expect(part.headers.get('content-type')).toBe('application/octet-stream');
    expect((await get(url, { range: `bytes=${SIZE}-` })).status).toBe(416);
  });

  it('an element that declares no ranges gets Accept-Ranges: none and whole objects', async () => {
    const clip = `${diskBase}/api/elements/storages.Whole/files/media/clip.bin`;
    const answer = await get(clip, { range: 'bytes=0-0' });
    expectWhole(answer);
    expect(answer.headers.get('accept-ranges')).toBe('none');
    expect((await get(clip, {}, 'HEAD')).headers.get('accept-ranges')).toBe('none');
    // And one past the end is no 416 either: it never looks at Range.
    expect((await get(clip, { range: `bytes=${SIZE}-` })).status).toBe(200);
  });

  it('the call route takes download options and a downloadStream range; /api/elements lists them', async () => {
    for (const [base, fullName] of [
      [s3Base, 'storages.MyS3'],
      [diskBase, 'storages.MyDisk'],
    ]) {
      const element = `${base}/api/elements/${fullName}`;
      const call = (fn: string, args: unknown[]) =>
        fetch(`${element}/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
      const ranged = await call('download', ['media/clip.bin', { range: { start: 10, end: 19 } }]);
      expect(ranged.status).toBe(200);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(object.subarray(10, 20))).toBe(true);
      const streamed = await call('downloadStream', ['media/clip.bin', { start: 995 }]);
      expect(Buffer.from(await streamed.arrayBuffer()).equals(object.subarray(995))).toBe(true);
      const past = await call('download', ['media/clip.bin', { range: { start: SIZE } }]);
      expect(past.status).toBe(400);
      expect(await past.json()).toEqual({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`range.start (${SIZE}) is past the object's last byte`),
      });
      const listed = (await (await fetch(`${base}/api/elements`)).json()) as Array<{
        fullName: string;
        functions?: Array<{ name: string; params: string[] }>;
      }>;
      expect(listed.find((listedOne) => listedOne.fullName === fullName)?.functions).toEqual(
        expect.arrayContaining([
          { name: 'download', params: ['name', 'options?'] },
          { name: 'downloadStream', params: ['name', 'range?'] },
        ]),
      );
    }
  });

  it('a 206 leaves as the storage gives it: the first bytes arrive before the rest exist', async () => {
    gate.write(object.subarray(100, 500));
    const response = await fetch(`${diskBase}/api/elements/storages.Gated/files/media/clip.bin`, {
      headers: { range: 'bytes=100-899' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe('800');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    // Buffered, nothing would come until the storage's stream ended, which it has not.
    let received = 0;
    while (received < 400) received += ((await reader.read()).value as Uint8Array).length;
    expect(received).toBe(400);
    gate.end(object.subarray(500, 900));
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value.length;
    expect(received).toBe(800);
  });

  it('a 206 of a large (multipart) object on S3 holds the right bytes', async () => {
    const large = Buffer.alloc(12 * 1024 * 1024);
    for (let i = 0; i < large.length; i += 4096) large.writeUInt32BE(i, i);
    await s3.app.getElement<Uploader>('storages.MyS3').uploadByFile('media/large.bin', large);
    const start = 9 * 1024 * 1024 - 10;
    const part = await get(`${s3Base}/api/elements/storages.MyS3/files/media/large.bin`, {
      range: `bytes=${start}-${start + 65_535}`,
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${start}-${start + 65_535}/${large.length}`);
    expect(part.body.equals(large.subarray(start, start + 65_536))).toBe(true);
  });
});
