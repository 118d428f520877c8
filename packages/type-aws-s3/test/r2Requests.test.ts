import { Readable } from 'node:stream';
import { StorageError } from '@mti/core';
import type { App } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp } from './support/buildApp';
import { type CapturedRequest, type CapturingProxy, startCapturingProxy } from './support/capturingProxy';
import { r2Record } from './support/serviceRecords';
import { type RunningS3rver, startS3rver } from './support/startS3rver';

// What a storages.CloudflareR2Type element puts on the wire, seen by a proxy in front of a real
// S3 server (s3rver), through every path that writes: one PutObject, lib-storage's multipart
// upload of a large buffer, the element's own multipart upload of a stream, copy, move, a
// presigned PUT, batch delete. R2 implements no ACL header; the S3 Type must send none, ever.

const MiB = 1024 * 1024;
const aclHeader = /^x-amz-(acl|grant-[a-z-]+)$/;
const encryptionHeader = /^x-amz-server-side-encryption/;
const checksumHeader = /^x-amz-(checksum-[a-z0-9]+|sdk-checksum-algorithm|trailer)$/;

let s3rver: RunningS3rver;
let proxy: CapturingProxy;
let app: App;
let r2: AwsS3Type;

beforeAll(async () => {
  s3rver = await startS3rver(['media-test']);
  proxy = await startCapturingProxy(s3rver.port);
  app = buildApp([
    r2Record({
      accessKeyId: 'S3RVER',
      accessKeySecret: 'S3RVER',
      // The proxy stands for R2's endpoint; a loopback IP has no virtual hosts, so path style.
      endPoint: proxy.endpoint,
      forcePathStyle: true,
      bucketName: 'media-test',
      multipart: { partSizeMiB: 5 },
    }),
  ]);
  r2 = app.getElement<AwsS3Type>('storages.MyR2');
});
afterAll(async () => {
  await app.close();
  await proxy.stop();
  await s3rver.stop();
});

/** The requests sent while `work` ran. */
async function sentDuring(work: () => Promise<unknown>): Promise<CapturedRequest[]> {
  const from = proxy.requests.length;
  await work();
  return proxy.requests.slice(from);
}

const headerNames = (requests: CapturedRequest[], pattern: RegExp): string[] =>
  requests.flatMap((request) => Object.keys(request.headers).filter((name) => pattern.test(name)));
const queryNames = (requests: CapturedRequest[], pattern: RegExp): string[] =>
  requests.flatMap((request) =>
    [...new URL(request.url, 'http://x').searchParams.keys()].filter((name) => pattern.test(name.toLowerCase())),
  );

describe('storages.CloudflareR2Type on the wire', () => {
  it('sends no ACL, encryption or unrequested checksum through any write path', async () => {
    const large = Buffer.alloc(11 * MiB, 7);
    const sent = await sentDuring(async () => {
      await r2.uploadByFile('w/small.txt', 'small', 'text/plain');
      await r2.uploadByFile('w/large.bin', large);
      await r2.uploadByFile('w/stream.bin', Readable.from([large.subarray(0, 6 * MiB), large.subarray(6 * MiB)]));
      await r2.copy('w/small.txt', 'w/copy.txt');
      await r2.move('w/copy.txt', 'w/moved.txt');
      const signed = await r2.getSignUploadUrl('w/signed.png', 'image/png');
      expect((await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: 'png' })).status).toBe(200);
      await r2.deleteMany(['w/moved.txt', 'w/signed.png']);
    });
    // Every write path was taken: parts of two multipart uploads, a copy, a presigned PUT.
    const parts = sent.filter((request) => request.method === 'PUT' && request.url.includes('partNumber='));
    expect(parts.length).toBeGreaterThanOrEqual(6);
    expect(sent.filter((request) => 'x-amz-copy-source' in request.headers)).toHaveLength(2);
    expect(sent.some((request) => request.method === 'PUT' && request.url.includes('X-Amz-Signature='))).toBe(true);

    expect(headerNames(sent, aclHeader)).toEqual([]);
    expect(queryNames(sent, /^(acl|x-amz-acl|x-amz-grant-)/)).toEqual([]);
    expect(headerNames(sent, encryptionHeader)).toEqual([]);
    // DeleteObjects is left out: it requires a checksum, which the SDK adds in either mode.
    const writes = sent.filter((request) => !new URL(request.url, 'http://x').searchParams.has('delete'));
    expect(writes.length).toBeLessThan(sent.length);
    expect(headerNames(writes, checksumHeader)).toEqual([]);
    // No aws-chunked bodies: those carry trailing checksums.
    expect(writes.map((request) => request.headers['content-encoding'] ?? '').filter(Boolean)).toEqual([]);
    // Buffer.equals: jest's toEqual walks 11 MiB byte by byte, for longer than the test may take.
    expect((await r2.download('w/large.bin')).equals(large)).toBe(true);
    expect((await r2.download('w/stream.bin')).equals(large)).toBe(true);
  });

  it('sends the R2 storage class it is given, and refuses one R2 does not have before any request', async () => {
    const sent = await sentDuring(() =>
      r2.uploadByFile('w/cold.txt', 'cold', 'text/plain', { storageClass: 'STANDARD_IA' }),
    );
    expect(sent.map((request) => request.headers['x-amz-storage-class'])).toEqual(['STANDARD_IA']);

    let refusal: unknown;
    const none = await sentDuring(() =>
      r2.uploadByFile('w/glacier.txt', 'x', 'text/plain', { storageClass: 'GLACIER' }).catch((error: unknown) => {
        refusal = error;
      }),
    );
    expect(none).toEqual([]);
    expect(StorageError.is(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'options.storageClass',
      storageType: 'storages.CloudflareR2Type',
    });
    expect((refusal as Error).message).toContain('must be one of STANDARD, STANDARD_IA');
  });

  it('signs every request for region auto', async () => {
    const sent = await sentDuring(() => r2.exists('w/small.txt'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toMatch(/Credential=S3RVER\/\d{8}\/auto\/s3\/aws4_request/);
  });
});
