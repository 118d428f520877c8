import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import type { LoadedApp } from '@mti/loader';
import type { GatewayOptions } from '@mti/cli';
import type { RunningS3rver } from '../../loader/test/support/s3';
import type { TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// Uploads under load (issue 15, point 4): a gateway takes so many uploads at once and refuses the
// next with 503 rather than buffering them all, and an upload whose body stops arriving is ended,
// its multipart upload aborted, rather than held open for ever.

const MiB = 1024 * 1024;
const BUCKET = 'mti-test';
let server: RunningS3rver;
let folder: TempApp;
let app: LoadedApp;
const gateways = new OpenGateways();

beforeAll(async () => {
  ({ server, folder, app } = await seedS3App({
    bucket: BUCKET,
    // Parts of 5 MiB, one at a time: a body of 6 MiB is certainly a multipart upload on the server.
    config: { prefix: 'uploads', multipart: { partSizeMiB: 5, queueSize: 1 } },
    watch: false,
  }));
});
afterAll(async () => {
  await gateways.close();
  await closeSeedS3App({ server, folder, app });
});

const gatewayAt = (options: Omit<GatewayOptions, 'app'>): Promise<string> => gateways.at({ app, ...options });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A PUT whose body goes out as the test says: `write` more of it, `end` it, or neither. */
function startPut(url: string): { write(bytes: Buffer): void; end(bytes?: Buffer): void; answer: Promise<Answer> } {
  const request = httpRequest(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' } });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
  return { write: (bytes) => void request.write(bytes), end: (bytes) => void request.end(bytes), answer };
}

/**
 * Sends up to `bytes` of body, as a client that stops once the answer comes, or one that goes on
 * regardless (`heedless`): what a refused client sees, and how much the gateway takes from it.
 */
function putRefused(url: string, bytes: number, heedless = false): Promise<Answer & { written: number }> {
  const chunk = Buffer.alloc(MiB);
  return new Promise((resolve) => {
    let written = 0;
    let answer: Answer | undefined;
    const request = httpRequest(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' } });
    const pump = (): void => {
      while ((heedless || answer === undefined) && written < bytes && !request.destroyed) {
        written += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (written >= bytes) request.end();
    };
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => {
        answer = { status: response.statusCode ?? 0, headers: response.headers, body };
        // A client that heeds the answer gives up its body and its connection.
        if (!heedless) request.destroy();
      });
    });
    request.on('close', () => resolve({ ...(answer ?? { status: 0, headers: {}, body: '' }), written }));
    request.on('error', () => {}); // EPIPE/ECONNRESET once the server has closed: expected
    pump();
  });
}

/** The multipart uploads s3rver holds parts of (it keeps them under the bucket's folder). */
const uploadsOnServer = (): string[] => {
  const uploads = join(server.directory, BUCKET, '._S3rver_uploads');
  return existsSync(uploads) ? readdirSync(uploads) : [];
};

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('a cap on concurrent uploads', () => {
  it('answers the upload past maxUploads 503 with Retry-After, and completes the others byte for byte', async () => {
    const base = await gatewayAt({ maxUploads: 2 });
    const files = (key: string): string => `${base}/api/elements/storages.MyS3/files/${key}`;
    const bodies = [randomBytes(12 * MiB), randomBytes(12 * MiB)];
    const uploads = bodies.map((body, i) => {
      const put = startPut(files(`cap/${i}.bin`));
      put.write(body.subarray(0, 6 * MiB));
      return put;
    });
    // Both are past their first part on the server: each holds its place at the gateway.
    await until(() => uploadsOnServer().length === 2);

    const refused = await putRefused(files('cap/refused.bin'), 64 * MiB);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(JSON.parse(refused.body)).toEqual({ code: 'UNAVAILABLE', message: expect.stringContaining('uploads') });
    expect(refused.written).toBeLessThan(64 * MiB);
    // A client that goes on sending regardless still reads its 503, and is cut off long before
    // its 1 GiB: the gateway drops a few MiB of it at most.
    const heedless = await putRefused(files('cap/heedless.bin'), 1024 * MiB, true);
    expect(heedless.status).toBe(503);
    expect(heedless.written).toBeLessThan(256 * MiB);

    uploads.forEach((put, i) => put.end((bodies[i] as Buffer).subarray(6 * MiB)));
    const answers = await Promise.all(uploads.map((put) => put.answer));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    for (const [i, body] of bodies.entries()) {
      const back = await fetch(files(`cap/${i}.bin`));
      expect(back.status).toBe(200);
      const bytes = Buffer.from(await back.arrayBuffer());
      expect(bytes.length).toBe(body.length);
      expect(sha256(bytes)).toBe(sha256(body));
    }
    expect((await fetch(files('cap/refused.bin'))).status).toBe(404);
    // Their places are free again.
    const after = await fetch(files('cap/after.txt'), { method: 'PUT', body: 'next' });
    expect(after.status).toBe(200);
    expect(uploadsOnServer()).toEqual([]);
  });
});

describe('a body idle timeout', () => {
  it('ends an upload whose body stalls, aborts its multipart upload and answers TIMEOUT', async () => {
    const base = await gatewayAt({ bodyTimeout: 300 });
    const url = `${base}/api/elements/storages.MyS3/files/stalled/half.bin`;
    const put = startPut(url);
    // Past the first part (a multipart upload on the server), then nothing more.
    put.write(randomBytes(6 * MiB));
    const answer = await put.answer;
    expect(answer.status).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ code: 'TIMEOUT', message: expect.stringContaining('300 ms') });
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(404);
    expect(uploadsOnServer()).toEqual([]);
  });

  it('ends a body that stalls before its first part too', async () => {
    const base = await gatewayAt({ bodyTimeout: 300 });
    const url = `${base}/api/elements/storages.MyS3/files/stalled/early.bin`;
    const put = startPut(url);
    put.write(Buffer.alloc(1000, 1));
    const answer = await put.answer;
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'TIMEOUT' });
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(404);
  });
});
