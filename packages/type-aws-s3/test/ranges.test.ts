import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { elementAt } from './support/elementAt';
import { failure } from './support/failure';
import { httpServer } from './support/faultServers';
import { s3rverElement } from './support/s3rverElement';
import { startS3rver } from './support/startS3rver';

// Ranged reads on the S3 Type beyond the contract kit's (which runs them on s3rver and RGW):
// what goes on the wire, and answers a real server gives only when it misbehaves.

const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');
const crc32Base64 = (data: Buffer | string): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(data));
  return bytes.toString('base64');
};

/** The object every fake server holds: 50 bytes, each telling its offset. */
const object = Buffer.from(Array.from({ length: 50 }, (_, i) => String.fromCharCode(65 + (i % 26))).join(''));

async function drain(stream: Readable): Promise<{ bytes: Buffer; ended: boolean; error: unknown }> {
  const chunks: Buffer[] = [];
  let ended = false;
  stream.on('end', () => (ended = true));
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), ended, error: undefined };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), ended, error };
  }
}

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/** An element on a server answering with `answer`; what it was asked is kept in `ranges`. */
async function withServer(answer: Answer, work: (s3: AwsS3Type, ranges: string[]) => Promise<void>): Promise<void> {
  const ranges: string[] = [];
  const server = await httpServer((req, res) => {
    ranges.push(String(req.headers.range));
    answer(req, res);
  });
  const { app, s3 } = elementAt(server.endpoint, { maxAttempts: 1 });
  try {
    await work(s3, ranges);
  } finally {
    await app.close();
    await server.stop();
  }
}

/** Answers as S3 does: 206 with the bytes asked for and a Content-Range, under the whole object's ETag. */
const honest: Answer = (req, res) => {
  const [, first = '', last = ''] = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') ?? [];
  const start = Number(first);
  const end = Math.min(last === '' ? object.length - 1 : Number(last), object.length - 1);
  res.writeHead(206, {
    'content-length': String(end - start + 1),
    'content-range': `bytes ${start}-${end}/${object.length}`,
    etag: `"${md5(object)}"`,
    // As S3 does: the stored checksum only to a request that asks for it; it is the whole object's.
    ...(req.headers['x-amz-checksum-mode'] === 'ENABLED' ? { 'x-amz-checksum-crc32': crc32Base64(object) } : {}),
  });
  res.end(object.subarray(start, end + 1));
};

describe('storages.AwsS3Type ranges on the wire', () => {
  it('sends Range: bytes=start-end, or bytes=start- without an end, and no checksum mode', async () => {
    const modes: unknown[] = [];
    await withServer(
      (req, res) => {
        modes.push(req.headers['x-amz-checksum-mode']);
        honest(req, res);
      },
      async (s3, ranges) => {
        expect((await s3.download('a.txt', { range: { start: 2, end: 4 } })).toString()).toBe('CDE');
        expect((await drain(await s3.downloadStream('a.txt', { start: 47 }))).bytes.toString()).toBe('VWX');
        expect(ranges).toEqual(['bytes=2-4', 'bytes=47-']);
        // A stored checksum is the whole object's: a part checked against it would always fail.
        expect(modes).toEqual([undefined, undefined]);
      },
    );
  });

  it("checks a part against the range's length, not against the whole object's ETag", async () => {
    await withServer(honest, async (s3) => {
      // The ETag is the MD5 of all 50 bytes, which no part of them has.
      expect((await s3.download('a.txt', { range: { start: 10, end: 19 } })).equals(object.subarray(10, 20))).toBe(
        true,
      );
      expect(await drain(await s3.downloadStream('a.txt', { start: 10, end: 19 }))).toEqual({
        bytes: object.subarray(10, 20),
        ended: true,
        error: undefined,
      });
    });
  });

  it('still checks the ETag when the range is the whole object', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(206, {
          'content-length': '50',
          'content-range': 'bytes 0-49/50',
          etag: `"${md5('something else')}"`,
        });
        res.end(object);
      },
      async (s3) => {
        const error = await failure(s3.download('a.txt', { range: { start: 0 } }));
        expect(error).toMatchObject({ code: 'UNAVAILABLE', operation: 'download', key: 'a.txt' });
        expect(error.detail).toMatch(/^corrupt response \(BodyDigestMismatch\)/);
        const streamed = await drain(await s3.downloadStream('a.txt', { start: 0, end: 100 }));
        expect(streamed.ended).toBe(false);
        expect(streamed.error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadStream' });
      },
    );
  });

  it('fails a part cut short with UNAVAILABLE, never returns it short', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(206, { 'content-length': '10', 'content-range': 'bytes 10-19/50', connection: 'close' });
        res.end(object.subarray(10, 15));
      },
      async (s3) => {
        const error = await failure(s3.download('a.txt', { range: { start: 10, end: 19 } }));
        expect(error).toMatchObject({ code: 'UNAVAILABLE', operation: 'download', key: 'a.txt' });
        const streamed = await drain(await s3.downloadStream('a.txt', { start: 10, end: 19 }));
        expect(streamed.ended).toBe(false);
        expect(streamed.error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadStream' });
      },
    );
  });

  it('cuts an answer holding more than asked to the range (s3rver reads bytes=0-0 as bytes=0-)', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(206, { 'content-length': '50', 'content-range': 'bytes 0-49/50', etag: `"${md5(object)}"` });
        res.end(object);
      },
      async (s3) => {
        expect((await s3.download('a.txt', { range: { start: 0, end: 0 } })).toString()).toBe('A');
        expect(await drain(await s3.downloadStream('a.txt', { start: 0, end: 2 }))).toEqual({
          bytes: Buffer.from('ABC'),
          ended: true,
          error: undefined,
        });
      },
    );
  });

  it('cuts a 200 with the whole object to a range from 0, and refuses it for one further on', async () => {
    await withServer(
      (_req, res) => {
        // A server that ignores Range, as RFC 9110 allows.
        res.writeHead(200, { 'content-length': '50', etag: `"${md5(object)}"` });
        res.end(object);
      },
      async (s3) => {
        expect((await s3.download('a.txt', { range: { start: 0, end: 3 } })).toString()).toBe('ABCD');
        const error = await failure(s3.download('a.txt', { range: { start: 5, end: 9 } }));
        expect(error).toMatchObject({ operation: 'download', key: 'a.txt' });
        expect(error.detail).toContain('the server answered bytes 0-49/50 to a request for bytes 5-9');
      },
    );
  });

  it('refuses an answer holding other bytes than asked for', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(206, { 'content-length': '5', 'content-range': 'bytes 0-4/50' });
        res.end(object.subarray(0, 5));
      },
      async (s3) => {
        const error = await failure(s3.download('a.txt', { range: { start: 20, end: 24 } }));
        expect(error.detail).toContain('the server answered bytes 0-4/50 to a request for bytes 20-24');
        await expect(s3.downloadStream('a.txt', { start: 20, end: 24 })).rejects.toMatchObject({
          operation: 'downloadStream',
        });
      },
    );
  });

  it('turns 416 InvalidRange into INVALID_ARGUMENT on range, with the size the server gives', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(416, { 'content-type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidRange</Code>' +
            '<Message>The requested range is not satisfiable</Message><RangeRequested>bytes=60-</RangeRequested>' +
            '<ActualObjectSize>50</ActualObjectSize><RequestId>REQ1</RequestId></Error>',
        );
      },
      async (s3) => {
        const error = await failure(s3.download('a.txt', { range: { start: 60 } }));
        expect(error).toMatchObject({
          code: 'INVALID_ARGUMENT',
          field: 'range',
          operation: 'download',
          key: 'a.txt',
          element: 'storages.MyS3',
        });
        expect(error.detail).toBe("range.start (60) is past the object's last byte (49): the object is 50 bytes");
        expect(error.cause).toBeDefined();
        await expect(s3.downloadStream('a.txt', { start: 60 })).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
          field: 'range',
          operation: 'downloadStream',
        });
      },
    );
  });

  it('checks a range before any request', async () => {
    await withServer(honest, async (s3, ranges) => {
      await expect(s3.download('a.txt', { range: { start: 3, end: 1 } })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        field: 'range',
      });
      await expect(s3.downloadStream('a.txt', { start: -1 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        field: 'range',
      });
      expect(ranges).toEqual([]);
    });
  });
});

describe('storages.AwsS3Type ranges on s3rver', () => {
  let server: Awaited<ReturnType<typeof startS3rver>>;
  beforeAll(async () => {
    server = await startS3rver(['mti-ranges']);
  });
  afterAll(() => server.stop());

  it("says how large the object is when a range starts past it (s3rver's 416)", async () => {
    const { app, s3 } = s3rverElement(server, 'mti-ranges');
    try {
      await s3.uploadByFile('r/ten.bin', Buffer.alloc(10, 7));
      const error = await failure(s3.download('r/ten.bin', { range: { start: 10 } }));
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'range', key: 'r/ten.bin' });
      expect(error.message).toContain('the object is 10 bytes');
    } finally {
      await app.close();
    }
  });
});
