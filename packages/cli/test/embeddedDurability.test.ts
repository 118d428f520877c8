import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startEmbeddedS3, type EmbeddedS3 } from '../src/embedded/startEmbeddedS3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';

// The embedded server keeps what it was given (issue 15, point 6): a reader sees an object whole,
// old or new, never half of an overwrite; a server killed mid-write keeps the old object; an
// aborted multipart upload leaves nothing on disk.

const BUCKET = 'mti-durable';
const MiB = 1024 * 1024;
const child = join(__dirname, 'support/embeddedS3Child.js');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

const appFiles = {
  'storages/MyS3/e.json': seedDeclaration,
  'storages/MyS3/MyS3.json': seedConfig({
    endPoint: '${S3_ENDPOINT}',
    accessKeyId: '${S3_KEY}',
    accessKeySecret: '${S3_SECRET}',
    bucketName: BUCKET,
  }),
};

const clientFor = (endpoint: string, env: Record<string, string | undefined>): S3Client =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: env.S3_KEY as string, secretAccessKey: env.S3_SECRET as string },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

async function get(s3: S3Client, key: string): Promise<{ bytes: Buffer; length: number | undefined; etag?: string }> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const bytes = Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  return { bytes, length: out.ContentLength, ...(out.ETag === undefined ? {} : { etag: out.ETag }) };
}

/** Every file under `dir` with its size. */
function sizes(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      found.set(path, statSync(path).size);
    } catch {
      // Renamed or removed while we looked.
    }
  }
  return found;
}

/** Multipart uploads the server still holds parts of (s3rver keeps them under the bucket). */
const uploadsLeft = (directory: string): string[] => {
  const uploads = join(directory, BUCKET, '._S3rver_uploads');
  return existsSync(uploads) ? readdirSync(uploads) : [];
};

describe('the embedded S3 server in-process', () => {
  let folder: TempApp;
  let embedded: EmbeddedS3;
  let s3: S3Client;

  beforeAll(async () => {
    folder = tempApp(appFiles);
    embedded = await startEmbeddedS3(folder.dir, { env: {} });
    s3 = clientFor(embedded.endpoint, embedded.env);
  });
  afterAll(async () => {
    s3.destroy();
    await embedded.stop();
    folder.cleanup();
  });

  it('serves every read during overwrites whole: one written version, with its own Content-Length', async () => {
    // Three versions of different lengths, so that a length from one and bytes of another show.
    const versions = [randomBytes(4 * MiB), randomBytes(4 * MiB + 4096), randomBytes(3 * MiB)];
    const known = new Map(versions.map((v, i) => [sha256(v), i]));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hot.bin', Body: versions[0] }));
    let writing = true;
    const problems: string[] = [];
    let reads = 0;
    const reader = async (): Promise<void> => {
      while (writing) {
        try {
          const { bytes, length } = await get(s3, 'hot.bin');
          reads++;
          if (!known.has(sha256(bytes))) problems.push(`a body of ${bytes.length} bytes that no write sent`);
          if (length !== bytes.length) problems.push(`Content-Length ${length} with a body of ${bytes.length}`);
        } catch (error) {
          problems.push(`read failed: ${(error as Error).message}`);
        }
      }
    };
    const writer = async (): Promise<void> => {
      try {
        for (let i = 1; i <= 16; i++) {
          const body = versions[i % versions.length] as Buffer;
          await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hot.bin', Body: body }));
        }
      } finally {
        writing = false;
      }
    };
    await Promise.all([writer(), reader(), reader()]);
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(0);
  });

  it('removes the parts of an aborted multipart upload, and takes no part for it afterwards', async () => {
    const key = 'aborted.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: randomBytes(5 * MiB) }),
    );
    expect(uploadsLeft(embedded.directory)).toHaveLength(1);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId }));
    expect(uploadsLeft(embedded.directory)).toEqual([]);
    // A part still on its way when the abort came must not bring the upload back.
    await expect(
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, Body: 'late' })),
    ).rejects.toMatchObject({ name: 'NoSuchUpload' });
    expect(uploadsLeft(embedded.directory)).toEqual([]);
    await expect(
      s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId })),
    ).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });
});

describe('the embedded S3 server killed during an overwrite', () => {
  let folder: TempApp;
  const running = new Set<ChildProcess>();

  beforeAll(() => {
    folder = tempApp(appFiles);
  });
  afterAll(() => {
    for (const server of running) server.kill('SIGKILL');
    folder.cleanup();
  });

  /** The built server in a child process, as `mti --embedded-s3` runs it. */
  async function startChild(): Promise<{ process: ChildProcess; s3: S3Client }> {
    const { NODE_OPTIONS: _options, ...env } = process.env;
    const server = spawn(process.execPath, ['--openssl-legacy-provider', child, folder.dir], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    running.add(server);
    server.on('exit', () => running.delete(server));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      server.on('exit', (code) => reject(new Error(`the server exited with ${code} before it listened`)));
    });
    const { endpoint, env: vars } = JSON.parse(line) as { endpoint: string; env: Record<string, string> };
    return { process: server, s3: clientFor(endpoint, vars) };
  }

  it('keeps the old object whole, with its own ETag', async () => {
    const first = await startChild();
    const old = randomBytes(60 * MiB);
    await first.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big.bin', Body: old }));

    // Half of a new version, then nothing more: the server is certainly in the middle of it.
    const before = sizes(join(folder.dir, '.mti/s3', BUCKET));
    const body = new PassThrough();
    const overwrite = first.s3
      .send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big.bin', Body: body, ContentLength: 60 * MiB }))
      .catch(() => undefined);
    body.write(randomBytes(30 * MiB));
    // Until the server has written some of it to disk, wherever it writes.
    for (;;) {
      const now = sizes(join(folder.dir, '.mti/s3', BUCKET));
      if ([...now].some(([path, size]) => size > 0 && before.get(path) !== size)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const killed = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await killed;
    body.destroy();
    await overwrite;
    first.s3.destroy();

    // What the cut write left aside, made to look an hour old: the next start removes it.
    const temp = join(folder.dir, '.mti/s3', BUCKET, '._S3rver_tmp');
    const left = readdirSync(temp);
    expect(left.length).toBeGreaterThan(0);
    const anHourAgo = new Date(Date.now() - 2 * 3600 * 1000);
    for (const name of left) utimesSync(join(temp, name), anHourAgo, anHourAgo);

    const second = await startChild();
    try {
      const { bytes, length, etag } = await get(second.s3, 'big.bin');
      expect(bytes.length).toBe(old.length);
      expect(length).toBe(old.length);
      expect(sha256(bytes)).toBe(sha256(old));
      expect(etag).toBe(`"${md5(old)}"`);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      second.s3.destroy();
      const exited = new Promise((resolve) => second.process.once('exit', resolve));
      second.process.kill('SIGTERM');
      await exited;
    }
  });
});
