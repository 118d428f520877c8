import { Readable } from 'node:stream';
import { type App, ErrorCode, StorageError } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { type CapturedRequest, type CapturingProxy, startCapturingProxy } from './support/capturingProxy';
import { httpServer } from './support/faultServers';
import { r2Record } from './support/serviceRecords';
import { type RunningS3rver, startS3rver } from './support/startS3rver';
import { describeVerifying, runPrefix } from './support/tiers';

// Conditional writes as they go on the wire, seen by a proxy in front of s3rver (which checks no
// condition itself, so what matters here is what is sent): where each condition goes, in which
// ETag form, and that a multipart upload or copy looks at the target before it sends anything.
// What the servers do with them is the contract kit's (contract.test.ts): RGW's refusals, and
// s3rver's gaps, stated in support/tierGaps.ts.

const MiB = 1024 * 1024;
const bucketName = 'mti-conditional';

let s3rver: RunningS3rver;
let proxy: CapturingProxy;
let app: App;
let s3: AwsS3Type;
let r2: AwsS3Type;

beforeAll(async () => {
  s3rver = await startS3rver([bucketName]);
  proxy = await startCapturingProxy(s3rver.port);
  const server = {
    endpoint: proxy.endpoint,
    accessKeyId: 'S3RVER',
    accessKeySecret: 'S3RVER',
    bucketName,
    region: 'us-east-1',
    verifiesSignatures: false,
    stop: async () => {},
  };
  app = buildApp([
    s3Record(server, { multipart: { partSizeMiB: 5, queueSize: 2 } }),
    r2Record({
      accessKeyId: 'S3RVER',
      accessKeySecret: 'S3RVER',
      endPoint: proxy.endpoint,
      forcePathStyle: true,
      bucketName,
    }),
  ]);
  s3 = app.getElement<AwsS3Type>('storages.MyS3');
  r2 = app.getElement<AwsS3Type>('storages.MyR2');
});
afterAll(async () => {
  await app.close();
  await proxy.stop();
  await s3rver.stop();
});

/** The requests sent while `work` ran (settled either way). */
async function sentDuring(work: () => Promise<unknown>): Promise<CapturedRequest[]> {
  const from = proxy.requests.length;
  await work().catch(() => undefined);
  return proxy.requests.slice(from);
}

/** Each request as `METHOD kind`, with the condition headers it carried. */
const described = (requests: CapturedRequest[]) =>
  requests.map((request) => {
    const url = new URL(request.url, 'http://x');
    const kind = url.searchParams.has('uploads')
      ? 'create'
      : url.searchParams.has('partNumber')
        ? 'part'
        : url.searchParams.has('uploadId')
          ? request.method === 'DELETE'
            ? 'abort'
            : 'complete'
          : 'x-amz-copy-source' in request.headers
            ? 'copy'
            : 'object';
    const conditions = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) =>
        /^(if-match|if-none-match|cf-copy-destination-if-.*)$/.test(name),
      ),
    );
    return { request: `${request.method} ${kind}`, ...conditions };
  });

describe('conditional writes on the wire', () => {
  it('a one-request upload carries If-None-Match: * itself, with no look first', async () => {
    const sent = await sentDuring(() => s3.uploadByFile('w/small.txt', 'small', 'text/plain', { ifNoneMatch: '*' }));
    expect(described(sent)).toEqual([{ request: 'PUT object', 'if-none-match': '*' }]);
  });

  it('If-Match goes bare to a server other than AWS (Ceph RGW refuses the quoted form), whichever form it was given', async () => {
    const first = await s3.uploadByFile('w/replace.txt', 'one', 'text/plain');
    expect(first.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const bare = first.etag.slice(1, -1);
    for (const given of [first.etag, bare]) {
      const sent = await sentDuring(() => s3.uploadByFile('w/replace.txt', 'one', 'text/plain', { ifMatch: given }));
      expect(described(sent)).toEqual([{ request: 'PUT object', 'if-match': bare }]);
    }
  });

  it('a multipart upload of bytes looks at the target first, and only its completing request carries the condition', async () => {
    const sent = await sentDuring(() =>
      s3.uploadByFile('w/large.bin', Buffer.alloc(11 * MiB, 1), undefined, { ifNoneMatch: '*' }),
    );
    const requests = described(sent);
    expect(requests[0]).toEqual({ request: 'HEAD object' });
    expect(requests.filter((r) => 'if-none-match' in r)).toEqual([{ request: 'POST complete', 'if-none-match': '*' }]);
    expect(requests.map((r) => r.request)).toEqual([
      'HEAD object',
      'POST create',
      'PUT part',
      'PUT part',
      'PUT part',
      'POST complete',
    ]);
  });

  it('so does a multipart upload of a stream, with If-Match', async () => {
    const { etag } = await s3.getObject('w/large.bin');
    const stream = Readable.from([Buffer.alloc(6 * MiB, 2), Buffer.alloc(6 * MiB, 3)]);
    const sent = await sentDuring(() => s3.uploadByFile('w/large.bin', stream, undefined, { ifMatch: etag }));
    const requests = described(sent);
    expect(requests[0]).toEqual({ request: 'HEAD object' });
    expect(requests.filter((r) => 'if-match' in r)).toEqual([
      { request: 'POST complete', 'if-match': etag.slice(1, -1) },
    ]);
    expect(requests.at(-1)?.request).toBe('POST complete');
  });

  it('a multipart upload whose condition fails when looked at sends no part and starts no upload', async () => {
    let failure: unknown;
    const sent = await sentDuring(() =>
      s3.uploadByFile('w/large.bin', Buffer.alloc(11 * MiB, 4), undefined, { ifNoneMatch: '*' }).catch((error) => {
        failure = error;
        throw error;
      }),
    );
    expect(described(sent)).toEqual([{ request: 'HEAD object' }]);
    expect(StorageError.is(failure) && failure.code).toBe(ErrorCode.CONFLICT);
    expect((failure as StorageError).key).toBe('w/large.bin');
    expect((failure as StorageError).message).toContain('an object is stored at this key');
  });

  it('a multipart upload names the version it wrote even when the server answers with an empty ETag (RGW 16)', async () => {
    const result = await s3.uploadByFile('w/parts.bin', Buffer.alloc(11 * MiB, 5));
    expect(result.etag).toBe((await s3.getObject('w/parts.bin')).etag);
  });

  it('a copy looks at its target, then carries the condition', async () => {
    const sent = await sentDuring(() => s3.copy('w/small.txt', 'w/copied.txt', { ifNoneMatch: '*' }));
    expect(described(sent)).toEqual([{ request: 'HEAD object' }, { request: 'PUT copy', 'if-none-match': '*' }]);
  });

  it("storages.CloudflareR2Type sends a copy's conditions under R2's names (cf-copy-destination-if-*), signed", async () => {
    const target = await r2.uploadByFile('w/r2-target.txt', 'target', 'text/plain');
    const sent = await sentDuring(() => r2.copy('w/small.txt', 'w/r2-target.txt', { ifMatch: target.etag }));
    expect(described(sent)).toEqual([
      { request: 'HEAD object' },
      { request: 'PUT copy', 'cf-copy-destination-if-match': target.etag.slice(1, -1) },
    ]);
    const copy = sent.at(-1) as CapturedRequest;
    expect(String(copy.headers.authorization)).toContain('cf-copy-destination-if-match');
  });
});

describe('failed conditions as the server reports them', () => {
  const answering = (status: number, code: string) =>
    httpServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(status, { 'content-type': 'application/xml' });
        response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>m</Message></Error>`);
      });
    });

  /** An app whose S3 element talks to `endpoint`, one attempt per request. */
  const appOn = (endpoint: string): App =>
    buildApp([
      s3Record(
        {
          endpoint,
          accessKeyId: 'k',
          accessKeySecret: 's',
          bucketName,
          region: 'us-east-1',
          verifiesSignatures: false,
          stop: async () => {},
        },
        { maxAttempts: 1 },
      ),
    ]);

  it.each([
    [412, 'PreconditionFailed', 'an object is stored at this key'],
    [409, 'ConditionalRequestConflict', 'another write to this key landed while this one was in progress'],
  ])('%i %s is CONFLICT naming the key', async (status, code, says) => {
    const server = await answering(status, code);
    const faulty = appOn(server.endpoint);
    try {
      const error = await faulty
        .getElement<AwsS3Type>('storages.MyS3')
        .uploadByFile('w/lock.json', '{}', 'application/json', { ifNoneMatch: '*' })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(StorageError.is(error)).toBe(true);
      expect(error).toMatchObject({ code: ErrorCode.CONFLICT, key: 'w/lock.json', operation: 'uploadByFile' });
      expect((error as StorageError).message).toContain(says);
    } finally {
      await faulty.close();
      await server.stop();
    }
  });

  it('404 NoSuchKey under ifMatch (as AWS answers for a key holding nothing) is CONFLICT too', async () => {
    const server = await answering(404, 'NoSuchKey');
    const faulty = appOn(server.endpoint);
    try {
      const error = await faulty
        .getElement<AwsS3Type>('storages.MyS3')
        .uploadByFile('w/gone.txt', 'x', 'text/plain', { ifMatch: '"0123456789abcdef0123456789abcdef"' })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(error).toMatchObject({ code: ErrorCode.CONFLICT, key: 'w/gone.txt' });
      expect((error as StorageError).message).toContain('no object is stored at this key to replace');
    } finally {
      await faulty.close();
      await server.stop();
    }
  });
});

/** The HTTP status of the server's answer somewhere in an error's causes. */
function statusBehind(error: unknown): number | undefined {
  for (let current = error as { cause?: unknown; $metadata?: { httpStatusCode?: number } } | undefined; current;) {
    if (current.$metadata?.httpStatusCode !== undefined) return current.$metadata.httpStatusCode;
    current = current.cause as typeof current;
  }
  return undefined;
}

// What the kit does not assert exactly: the codes RGW answers with, seen through the element.
describeVerifying('conditional writes on $name', (tier) => {
  let rgwApp: App;
  let rgw: AwsS3Type;
  const prefix = runPrefix();
  beforeAll(async () => {
    const server = await tier.start();
    rgwApp = buildApp([s3Record(server, { prefix })]);
    rgw = rgwApp.getElement<AwsS3Type>('storages.MyS3');
  });
  afterAll(() => rgwApp.close());

  it('create only twice: the second is CONFLICT from the server (412), the first bytes stay', async () => {
    await rgw.uploadByFile('lock.json', '{"owner":1}', 'application/json', { ifNoneMatch: '*' });
    const error = await rgw.uploadByFile('lock.json', '{"owner":2}', 'application/json', { ifNoneMatch: '*' }).then(
      () => undefined,
      (failure: unknown) => failure as StorageError,
    );
    expect(error).toMatchObject({ code: ErrorCode.CONFLICT, key: 'lock.json' });
    expect(statusBehind(error)).toBe(412);
    expect((await rgw.download('lock.json')).toString()).toBe('{"owner":1}');
    await rgw.delete('lock.json');
  });

  it('replace only: a stale ETag is CONFLICT (412), the current one, as given by the upload, replaces', async () => {
    const first = await rgw.uploadByFile('state.json', '{"v":1}', 'application/json');
    const second = await rgw.uploadByFile('state.json', '{"v":2}', 'application/json', { ifMatch: first.etag });
    await expect(
      rgw.uploadByFile('state.json', '{"v":3}', 'application/json', { ifMatch: first.etag }),
    ).rejects.toMatchObject({
      code: ErrorCode.CONFLICT,
      key: 'state.json',
    });
    await rgw.uploadByFile('state.json', '{"v":3}', 'application/json', { ifMatch: second.etag });
    expect((await rgw.download('state.json')).toString()).toBe('{"v":3}');
    await rgw.delete('state.json');
  });

  it('a multipart create-only upload onto an existing key is CONFLICT before any part is sent; the object stays', async () => {
    const big = Buffer.alloc(9 * MiB, 6);
    const first = await rgw.uploadByFile('big.bin', big, undefined, { ifNoneMatch: '*' });
    expect(first.etag).toMatch(/-2"$/);
    await expect(
      rgw.uploadByFile('big.bin', Buffer.alloc(9 * MiB, 7), undefined, { ifNoneMatch: '*' }),
    ).rejects.toMatchObject({
      code: ErrorCode.CONFLICT,
      key: 'big.bin',
    });
    expect((await rgw.getObject('big.bin')).etag).toBe(first.etag);
    await rgw.delete('big.bin');
  });
});
