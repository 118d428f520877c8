import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { StorageError } from '@mti/core';
import { corruptAtRest } from './support/corruptAtRest';
import { elementAt } from './support/elementAt';
import { failure } from './support/failure';
import { httpServer } from './support/faultServers';
import { s3rverElement } from './support/s3rverElement';
import { startS3rver } from './support/startS3rver';

const MiB = 1024 * 1024;
const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');
const crc32Base64 = (data: Buffer | string): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(data));
  return bytes.toString('base64');
};

/** Reads a stream to its end; says how it ended, and what it gave before that. */
async function drain(stream: Readable): Promise<{ bytes: number; ended: boolean; error: unknown }> {
  let bytes = 0;
  let ended = false;
  stream.on('end', () => (ended = true));
  try {
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    return { bytes, ended, error: undefined };
  } catch (error) {
    return { bytes, ended, error };
  }
}

type Answer = (req: IncomingMessage, res: ServerResponse) => void;
const promised = 'a'.repeat(50);
const delivered = 'b'.repeat(50);

// No real server sends a body other than the one it promised on demand: these answer GetObject
// as a faulty link or disk would.
describe('a download that does not match what the server promised fails, never returns the data', () => {
  const faults: Array<[string, Answer, RegExp]> = [
    [
      'a Content-Length larger than the body, then the connection closed',
      (_req, res) => {
        res.writeHead(200, { 'content-length': '100', etag: `"${md5(promised + promised)}"`, connection: 'close' });
        res.end(promised);
      },
      /^server unavailable \(ECONNRESET\)/,
    ],
    [
      'a wrong body of the right length under its MD5 ETag',
      (_req, res) => {
        res.writeHead(200, { 'content-length': '50', etag: `"${md5(promised)}"` });
        res.end(delivered);
      },
      new RegExp(
        `^corrupt response \\(BodyDigestMismatch\\): the body's MD5 is ${md5(delivered)}, its ETag says ${md5(promised)}`,
      ),
    ],
    [
      'a wrong body under its stored CRC32 (x-amz-checksum-crc32)',
      (req, res) => {
        // As S3 does: the stored checksum is sent only to a request that asks for it.
        const asked = req.headers['x-amz-checksum-mode'] === 'ENABLED';
        res.writeHead(200, {
          'content-length': '50',
          ...(asked ? { 'x-amz-checksum-crc32': crc32Base64(promised) } : {}),
        });
        res.end(delivered);
      },
      /^corrupt response \(ChecksumMismatch\): Checksum mismatch/,
    ],
  ];

  it.each(faults)('%s: UNAVAILABLE from download and downloadStream', async (_label, answer, detail) => {
    const server = await httpServer(answer);
    const { app, s3 } = elementAt(server.endpoint, { maxAttempts: 1 });
    try {
      const error = await failure(s3.download('a.txt'));
      expect(error).toMatchObject({
        code: 'UNAVAILABLE',
        operation: 'download',
        key: 'a.txt',
        element: 'storages.MyS3',
      });
      expect(error.detail).toMatch(detail);
      const streamed = await drain(await s3.downloadStream('a.txt'));
      expect(streamed.ended).toBe(false);
      expect(StorageError.is(streamed.error)).toBe(true);
      expect(streamed.error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadStream', key: 'a.txt' });
      expect((streamed.error as StorageError).detail).toMatch(detail);
    } finally {
      await app.close();
      await server.stop();
    }
  });

  // Each of these is an ETag that is not the MD5 of the body: only the length can be checked.
  const notMd5 = md5('something else');
  const unverifiable: Array<[string, Record<string, string>]> = [
    ['a multipart ETag ("…-3")', { etag: `"${notMd5}-3"` }],
    ['an SSE-KMS object', { etag: `"${notMd5}"`, 'x-amz-server-side-encryption': 'aws:kms' }],
    ['a DSSE-KMS object', { etag: `"${notMd5}"`, 'x-amz-server-side-encryption': 'aws:kms:dsse' }],
    ['an SSE-C object', { etag: `"${notMd5}"`, 'x-amz-server-side-encryption-customer-algorithm': 'AES256' }],
    ['a weak ETag', { etag: `W/"${notMd5}"` }],
    ['a multipart CRC32 ("…-2"), no ETag', { 'x-amz-checksum-crc32': 'AAAAAA==-2' }],
  ];
  const intact: Array<[string, Record<string, string>]> = [
    ['its MD5 ETag', { etag: `"${md5(delivered)}"` }],
    ['its MD5 ETag in upper case (Alibaba OSS)', { etag: `"${md5(delivered).toUpperCase()}"` }],
    ['its stored CRC32', { 'x-amz-checksum-crc32': crc32Base64(delivered) }],
    ['no ETag at all', {}],
  ];

  it.each([...unverifiable, ...intact])('a body under %s is returned whole', async (_label, headers) => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '50', ...headers });
      res.end(delivered);
    });
    const { app, s3 } = elementAt(server.endpoint, { maxAttempts: 1 });
    try {
      expect((await s3.download('a.txt')).toString()).toBe(delivered);
      expect(await drain(await s3.downloadStream('a.txt'))).toEqual({ bytes: 50, ended: true, error: undefined });
    } finally {
      await app.close();
      await server.stop();
    }
  });
});

describe('an object corrupted at rest on s3rver', () => {
  // A byte changed in s3rver's copy of the object: bit rot under an ETag that still names the
  // original (corruptAtRest).
  let server: Awaited<ReturnType<typeof startS3rver>>;
  beforeAll(async () => {
    server = await startS3rver(['mti-rot']);
  });
  afterAll(() => server.stop());

  it('fails download and downloadStream with UNAVAILABLE, one chunk short, instead of ending', async () => {
    const { app, s3 } = s3rverElement(server, 'mti-rot');
    try {
      const data = randomBytes(3 * MiB).fill(0, 1000, 1001);
      await s3.uploadByFile('rot/one.bin', data);
      expect((await s3.download('rot/one.bin')).equals(data)).toBe(true);
      corruptAtRest(server, 'mti-rot', 'rot/one.bin', 1000);
      const error = await failure(s3.download('rot/one.bin'));
      expect(error).toMatchObject({ code: 'UNAVAILABLE', operation: 'download', key: 'rot/one.bin' });
      expect(error.detail).toContain(`its ETag says ${md5(data)}`);
      const streamed = await drain(await s3.downloadStream('rot/one.bin'));
      // The last chunk waits for the check: a consumer counting bytes against the Content-Length
      // (the gateway's GET) never has the whole of a body that fails it.
      expect(streamed.ended).toBe(false);
      expect(streamed.bytes).toBeGreaterThan(2 * MiB);
      expect(streamed.bytes).toBeLessThan(data.length);
      expect(streamed.error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadStream', key: 'rot/one.bin' });
    } finally {
      await app.close();
    }
  });
});
