import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { elementAt, fakeAccount } from './support/elementAt';
import { failure } from './support/failure';
import { closedPort, httpServer, signatureMismatchServer, silentServer } from './support/faultServers';
import { describeVerifying, runPrefix, tiers, type TierServer } from './support/tiers';
import { withChainEnv } from './support/withChainEnv';

describe.each(tiers)('error mapping on $name', (tier) => {
  let server: TierServer;
  let app: ReturnType<typeof buildApp>;
  let s3: AwsS3Type;
  let noBucket: AwsS3Type;
  let badKeyId: AwsS3Type;
  const run = runPrefix();

  beforeAll(async () => {
    server = await tier.start();
    app = buildApp([
      s3Record(server, { prefix: run }),
      s3Record(server, { bucketName: 'mti-no-such-bucket' }, 'storages/NoBucket'),
      s3Record(server, { accessKeyId: 'UNKNOWNKEYID0000', accessKeySecret: 'wrong-secret-0000' }, 'storages/BadKeyId'),
    ]);
    s3 = app.getElement<AwsS3Type>('storages.MyS3');
    noBucket = app.getElement<AwsS3Type>('storages.NoBucket');
    badKeyId = app.getElement<AwsS3Type>('storages.BadKeyId');
  });
  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('missing object: NOT_FOUND from download, downloadStream and getObject; exists is false', async () => {
    for (const operation of ['download', 'downloadStream', 'getObject'] as const) {
      const error = await failure(s3[operation]('nope/missing.txt'));
      expect(error).toMatchObject({
        code: 'NOT_FOUND',
        operation,
        key: 'nope/missing.txt',
        element: 'storages.MyS3',
        storageType: 'storages.AwsS3Type',
      });
      expect(error.detail).toBe(`no such object in bucket "${server.bucketName}"`);
      expect(error.cause).toBeDefined();
    }
    expect(await s3.exists('nope/missing.txt')).toBe(false);
  });

  it('missing bucket: NOT_FOUND naming the bucket, from every operation, and exists throws', async () => {
    const calls: Array<[string, Promise<unknown>]> = [
      ['download', noBucket.download('a.txt')],
      ['getObject', noBucket.getObject('a.txt')],
      ['exists', noBucket.exists('a.txt')],
      ['uploadByFile', noBucket.uploadByFile('a.txt', 'x')],
      ['list', noBucket.list('')],
    ];
    for (const [operation, call] of calls) {
      const error = await failure(call);
      expect({ operation, code: error.code, detail: error.detail }).toEqual({
        operation,
        code: 'NOT_FOUND',
        detail: 'no such bucket "mti-no-such-bucket"',
      });
    }
  });

  it('unknown access key: ACCESS_DENIED, and exists never reads it as false', async () => {
    const error = await failure(badKeyId.download('a.txt'));
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.detail).toMatch(/^access denied \((InvalidAccessKeyId|Forbidden|AccessDenied)\)/);
    expect((await failure(badKeyId.exists('a.txt'))).code).toBe('ACCESS_DENIED');
    expect(error.message).not.toContain('wrong-secret-0000');
  });
});

describeVerifying('signature checks on $name', (tier) => {
  let server: TierServer;
  beforeAll(async () => {
    server = await tier.start();
  });

  it('wrong secret: ACCESS_DENIED (SignatureDoesNotMatch), the secret never in the error', async () => {
    const app = buildApp([s3Record(server, { accessKeySecret: 'definitely-WRONG-secret-42' })]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    const error = await failure(s3.uploadByFile(`${runPrefix()}/x.txt`, 'x'));
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.detail).toMatch(/SignatureDoesNotMatch/);
    expect((await failure(s3.exists('x.txt'))).code).toBe('ACCESS_DENIED');
    const { inspect } = await import('node:util');
    expect(inspect(error, { depth: 10 })).not.toContain('definitely-WRONG-secret-42');
    await app.close();
  });
});

describe('a signature error that echoes the request, as AWS does', () => {
  // `/+=` change in URL-encoding, `!'()*` only in SigV4's.
  const token = "FQoGZXIvYXdzEJr//////////wEaDECHO+session=TOKEN!(0003)*'x";
  const chainToken = 'FQoGZXIvYXdzCHAIN/session+TOKEN=0004';

  /** The token as it could show: itself, URL-encoded, base64, hex, and hex bytes as S3 prints them. */
  function forms(secret: string): string[] {
    const hex = Buffer.from(secret).toString('hex');
    const spaced = hex.replace(/(..)(?!$)/g, '$1 ');
    const pieces = [...secret].map((_, i) => secret.slice(i, i + 6)).filter((piece) => piece.length === 6);
    return [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      hex,
      hex.toUpperCase(),
      spaced.toUpperCase(),
      // Any six bytes of it in the form the reproduced leak had.
      ...pieces.map((piece) =>
        Buffer.from(piece)
          .toString('hex')
          .replace(/(..)(?!$)/g, '$1 '),
      ),
    ];
  }

  /** What a caller, a log line or `mti call --verbose` (the cause, at depth 4) can see of an error. */
  function views(error: StorageError): string[] {
    const cause = error.cause as object;
    return [
      error.message,
      inspect(error, { depth: Infinity }),
      inspect(cause, { depth: 4 }),
      JSON.stringify(error),
      JSON.stringify(cause),
      JSON.stringify({ ...cause }),
    ];
  }

  const leaked = (error: StorageError, secret: string) =>
    views(error).flatMap((view) => forms(secret).filter((form) => view.includes(form)));

  // Closed after each test, passed or failed: a server left open keeps jest from exiting.
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
  });
  async function mismatchServer() {
    const server = await signatureMismatchServer();
    opened.push({ close: () => server.stop() });
    return server;
  }
  function closing<T extends { close(): Promise<void> }>(app: T): T {
    opened.push(app);
    return app;
  }

  it.each([
    ['download', (s3: AwsS3Type) => s3.download('a.txt')],
    ['uploadByFile', (s3: AwsS3Type) => s3.uploadByFile('a.txt', 'x')],
  ])('%s: ACCESS_DENIED, and the session token in no form anywhere in the error', async (_operation, call) => {
    const server = await mismatchServer();
    const { app, s3 } = elementAt(server.endpoint, { sessionToken: token, maxAttempts: 1 });
    closing(app);
    const error = await failure(call(s3));
    expect(server.tokens).toEqual([token]);
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.detail).toMatch(/SignatureDoesNotMatch/);
    expect(error.cause).toMatchObject({ CanonicalRequestBytes: 'REDACTED', RequestId: 'REQ0001' });
    expect(leaked(error, token)).toEqual([]);
    expect(leaked(error, fakeAccount.accessKeySecret)).toEqual([]);
  });

  it('a token from the default credential chain, which the config never held, is dropped too', async () => {
    const server = await mismatchServer();
    const { accessKeyId: _id, accessKeySecret: _secret, ...keyless } = fakeAccount;
    const chain = { AWS_ACCESS_KEY_ID: 'AKIACHAIN', AWS_SECRET_ACCESS_KEY: 'chain-SECRET-0004' };
    const error = await withChainEnv({ ...chain, AWS_SESSION_TOKEN: chainToken }, () => {
      const app = closing(
        buildApp([
          {
            folder: 'storages/MyS3',
            declaration: { title: 'S3', type: 'storages.AwsS3Type' },
            config: { ...keyless, endPoint: server.endpoint, maxAttempts: 1 },
          },
        ]),
      );
      return failure(app.getElement<AwsS3Type>('storages.MyS3').download('a.txt'));
    });
    expect(server.tokens).toEqual([chainToken]);
    expect(error.code).toBe('ACCESS_DENIED');
    expect(leaked(error, chainToken)).toEqual([]);
  });
});

describe('faults of the connection', () => {
  it('connection refused: UNAVAILABLE after the configured attempts', async () => {
    const { app, s3 } = elementAt(await closedPort(), { maxAttempts: 2 });
    const error = await failure(s3.download('a.txt'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.detail).toMatch(/ECONNREFUSED/);
    await app.close();
  });

  it('5xx on every attempt: UNAVAILABLE, after exactly maxAttempts requests', async () => {
    const down = await httpServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<Error><Code>ServiceUnavailable</Code><Message>down for maintenance</Message></Error>');
    });
    const { app, s3 } = elementAt(down.endpoint, { maxAttempts: 3 });
    const error = await failure(s3.getObject('a.txt'));
    expect(error.code).toBe('UNAVAILABLE');
    expect(down.requests).toBe(3);
    await app.close();
    await down.stop();
  });

  it('a server that never answers: TIMEOUT at timeoutMs', async () => {
    const silent = await silentServer();
    const { app, s3 } = elementAt(silent.endpoint, { timeoutMs: 300, maxAttempts: 1 });
    const started = Date.now();
    const error = await failure(s3.download('a.txt'));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
    await app.close();
    await silent.stop();
  });

  it('a response cut short: an error, never short data', async () => {
    const cut = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('x'.repeat(50));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { app, s3 } = elementAt(cut.endpoint, { maxAttempts: 1 });
    const error = await failure(s3.download('a.txt'));
    expect(['UNAVAILABLE', 'TIMEOUT']).toContain(error.code);
    const stream = await s3.downloadStream('a.txt');
    const streamed = await failure(
      (async () => {
        for await (const _chunk of stream) void _chunk;
      })(),
    );
    expect(streamed).toMatchObject({ operation: 'downloadStream', key: 'a.txt' });
    await app.close();
    await cut.stop();
  });
});

const notACursor =
  "cursor is not a nextCursor of this listing: pass back the previous page's nextCursor unchanged, " +
  'with the same prefix and delimiter';
const manyEntries = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, 'v']));
const manyEntriesBytes = Object.entries(manyEntries).reduce(
  (sum, [name, value]) => sum + name.length + value.length,
  0,
);

describe('arguments are checked before any request', () => {
  // The endpoint refuses connections: an INVALID_ARGUMENT here proves no request was tried.
  let s3: AwsS3Type;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const built = elementAt(await closedPort(), { maxAttempts: 1 });
    s3 = built.s3;
    close = () => built.app.close();
  });
  afterAll(() => close());

  const cases: Array<[string, () => Promise<unknown>, string, string]> = [
    ['empty key', () => s3.download(''), 'name', 'name must not be empty'],
    ['1025-byte key', () => s3.getObject('k'.repeat(1025)), 'name', 'name is 1025 bytes in UTF-8; the limit is 1024'],
    ['control character', () => s3.delete('a\rb'), 'name', 'name must not contain control characters'],
    ['dot-dot segment', () => s3.exists('a/../b'), 'name', 'name must not contain "." or ".." path segments'],
    ['leading slash', () => s3.uploadByFile('/a', 'x'), 'name', 'name must not start with "/"'],
    ['number key', () => s3.download(7 as unknown as string), 'name', 'name must be a string, got number'],
    [
      'null data',
      () => s3.uploadByFile('a', null as never),
      'data',
      'data must be a Buffer, Uint8Array, string or Readable stream, got null',
    ],
    [
      'number data',
      () => s3.uploadByFile('a', 5 as never),
      'data',
      'data must be a Buffer, Uint8Array, string or Readable stream, got number',
    ],
    [
      'object data',
      () => s3.uploadByFile('a', { a: 1 } as never),
      'data',
      'data must be a Buffer, Uint8Array, string or Readable stream, got a plain object',
    ],
    ['empty content type', () => s3.uploadByFile('a', 'x', ''), 'contentType', 'contentType must not be empty'],
    [
      'CRLF content type',
      () => s3.uploadByFile('a', 'x', 'text/plain\r\nX-Evil: 1'),
      'contentType',
      'contentType must not contain control characters such as CR or LF',
    ],
    [
      'expires 0',
      () => s3.getSignUrl('a', 'text/plain', 0),
      'expires',
      'expires must be a whole number of seconds from 1 to 604800 (7 days), got 0',
    ],
    [
      'expires -1',
      () => s3.getSignUrl('a', 'text/plain', -1),
      'expires',
      'expires must be a whole number of seconds from 1 to 604800 (7 days), got -1',
    ],
    [
      'expires 1.5',
      () => s3.getSignUrl('a', 'text/plain', 1.5),
      'expires',
      'expires must be a whole number of seconds from 1 to 604800 (7 days), got 1.5',
    ],
    [
      'expires 604801',
      () => s3.getSignUrl('a', 'text/plain', 604_801),
      'expires',
      'expires must be a whole number of seconds from 1 to 604800 (7 days), got 604801',
    ],
    [
      'expires "300"',
      () => s3.getSignUrl('a', 'text/plain', '300' as never),
      'expires',
      'expires must be a whole number of seconds from 1 to 604800 (7 days), got "300"',
    ],
    [
      'upload url expires',
      () => s3.getSignUploadUrl('a', 'text/plain', 604_801),
      'expires',
      'expires must be a whole number of seconds from 1 to 604800 (7 days), got 604801',
    ],
    [
      'metadata value',
      () => s3.uploadByFile('a', 'x', 'text/plain', { metadata: { who: 'grüße' } }),
      'options.metadata',
      'options.metadata "who" must be printable US-ASCII',
    ],
    [
      'storage class',
      () => s3.uploadByFile('a', 'x', 'text/plain', { storageClass: 'COLD' }),
      'options.storageClass',
      'options.storageClass must be one of',
    ],
    ['list limit', () => s3.list('', { limit: 0 }), 'limit', 'limit must be a whole number from 1 to 1000, got 0'],
    ['list prefix', () => s3.list('/abs'), 'prefix', 'prefix must not start with "/"'],
    ['list options null', () => s3.list('', null as never), 'options', 'options must be an object'],
    ['copy target', () => s3.copy('a', '../b'), 'to', 'to must not contain "." or ".." path segments'],
    ['deleteMany key', () => s3.deleteMany(['ok', '']), 'names[1]', 'names[1] must not be empty'],
    ['deleteMany non-array', () => s3.deleteMany('a' as never), 'names', 'names must be an array of keys'],
    // Header values: Node refuses characters above U+00FF ("Invalid character in header content"), and
    // sends U+0080-U+00FF as Latin-1 bytes while SigV4 signs their UTF-8 (RGW: SignatureDoesNotMatch).
    [
      'non-Latin-1 content type',
      () => s3.uploadByFile('a', 'x', 'text/plain; name=日本'),
      'contentType',
      'contentType must be printable US-ASCII (found U+65E5 "日")',
    ],
    [
      'Latin-1 content type',
      () => s3.uploadByFile('a', 'x', 'text/plain; name=é'),
      'contentType',
      'contentType must be printable US-ASCII (found U+00E9 "é")',
    ],
    [
      'non-ASCII cache control',
      () => s3.uploadByFile('a', 'x', 'text/plain', { cacheControl: 'max-age=60 ☃' }),
      'options.cacheControl',
      'options.cacheControl must be printable US-ASCII (found U+2603 "☃")',
    ],
    [
      'non-ASCII content disposition',
      () => s3.uploadByFile('a', 'x', 'text/plain', { contentDisposition: 'attachment; filename="日本.txt"' }),
      'options.contentDisposition',
      'options.contentDisposition must be printable US-ASCII (found U+65E5 "日"); give a non-ASCII file name as ' +
        "filename*=UTF-8''<percent-encoded name> (RFC 6266)",
    ],
    [
      'non-ASCII signed content type',
      () => s3.getSignUrl('a', 'text/plain; name=日本'),
      'contentType',
      'contentType must be printable US-ASCII (found U+65E5 "日")',
    ],
    [
      'non-ASCII signed upload content type',
      () => s3.getSignUploadUrl('a', 'text/plain; name=é'),
      'contentType',
      'contentType must be printable US-ASCII (found U+00E9 "é")',
    ],
    [
      'metadata names differing in case',
      () => s3.uploadByFile('a', 'x', 'text/plain', { metadata: { Owner: 'a', owner: 'b' } }),
      'options.metadata',
      'options.metadata names "Owner" and "owner" differ only in case',
    ],
    [
      '30,000 metadata entries',
      () => s3.uploadByFile('a', 'x', 'text/plain', { metadata: manyEntries }),
      'options.metadata',
      `options.metadata is ${manyEntriesBytes} bytes of names and values in UTF-8; S3 allows 2048 (2 KB) in all`,
    ],
    [
      '2049 bytes of metadata',
      () => s3.uploadByFile('a', 'x', 'text/plain', { metadata: { a: 'v'.repeat(2047), b: '' } }),
      'options.metadata',
      'options.metadata is 2049 bytes of names and values in UTF-8; S3 allows 2048 (2 KB) in all',
    ],
    // A lone surrogate has no UTF-8 form: the SDK's URI encoding threw "URI malformed".
    [
      'lone surrogate in a key',
      () => s3.uploadByFile('a\ud800b', 'x'),
      'name',
      'name must be well-formed Unicode: it holds a lone surrogate (U+D800), which has no UTF-8 form',
    ],
    [
      'lone surrogate in a signed key',
      () => s3.getSignUrl('\udc00.txt', 'text/plain'),
      'file',
      'file must be well-formed Unicode: it holds a lone surrogate (U+DC00), which has no UTF-8 form',
    ],
    [
      'lone surrogate in a list prefix',
      () => s3.list('a\ud800'),
      'prefix',
      'prefix must be well-formed Unicode: it holds a lone surrogate (U+D800), which has no UTF-8 form',
    ],
    [
      'lone surrogate in a delimiter',
      () => s3.list('', { delimiter: '\ud800' }),
      'delimiter',
      'delimiter must be well-formed Unicode: it holds a lone surrogate (U+D800), which has no UTF-8 form',
    ],
    ['empty path segment', () => s3.download('a//b'), 'name', 'name must not contain empty path segments ("//")'],
    ['empty segment in a copy source', () => s3.copy('a//b', 'c'), 'from', 'from must not contain empty path segments'],
    // Cursors are the element's own: anything else is refused rather than sent (s3rver answered a
    // foreign token with a 500, RGW reads any string as the key to start after).
    [
      'base64 garbage cursor',
      () => s3.list('', { cursor: Buffer.alloc(24, 7).toString('base64') }),
      'cursor',
      notACursor,
    ],
    ['short base64 cursor', () => s3.list('', { cursor: 'Zm9vYmFy' }), 'cursor', notACursor],
    [
      's3rver-style token',
      () => s3.list('', { cursor: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=' }),
      'cursor',
      notACursor,
    ],
    ['RGW-style token (a key)', () => s3.list('l/', { cursor: 'l/0' }), 'cursor', notACursor],
  ];

  it.each(cases)('%s', async (_label, call, field, detail) => {
    const error = await failure(call());
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe(field);
    expect(error.detail.startsWith(detail)).toBe(true);
  });

  it('lets exactly 2 KB of metadata and printable ASCII headers through to the server', async () => {
    const error = await failure(
      s3.uploadByFile('a/', 'x', 'text/plain; charset=utf-8', {
        metadata: { a: 'v'.repeat(2046), B: '' },
        cacheControl: 'public, max-age=60',
        contentDisposition: "attachment; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt",
      }),
    );
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('accepts a Readable from another stream implementation (duck-typed)', async () => {
    const error = await failure(s3.uploadByFile('a', Readable.from(['x']), 'text/plain'));
    expect(error.code).toBe('UNAVAILABLE');
  });
});
