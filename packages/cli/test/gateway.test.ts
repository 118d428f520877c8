import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { loadApp, type LoadedApp } from '@mti/loader';
import { createGateway } from '@mti/cli';
import type { FastifyInstance } from 'fastify';
import { closedPort, silentServer, type FaultServer } from '../../type-aws-s3/test/support/faultServers';
import { nextReload } from '../../loader/test/support/events';
import { s3Env, type RunningS3rver } from '../../loader/test/support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';

const SECRET = 'gw-SECRET-value-7781';
let server: RunningS3rver;
let silent: FaultServer;
let folder: TempApp;
let app: LoadedApp;
let gateway: FastifyInstance;
let base: string;

const conflictType = `
import { ErrorCode, StorageError } from '@mti/core';
import { AwsS3Type } from '@mti/type-aws-s3';
export default class Locked extends AwsS3Type {
  override async delete(name: string): Promise<never> {
    throw new StorageError({ code: ErrorCode.CONFLICT, element: this.fullName, storageType: this.type, operation: 'delete', key: name, detail: 'locked' });
  }
}
`;

beforeAll(async () => {
  const started = await s3Env();
  server = started.server;
  silent = await silentServer();
  folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ prefix: 'one' }),
    'storages/BadKey/e.json': seedDeclaration,
    'storages/BadKey/BadKey.json': seedConfig({ accessKeyId: 'NOT-A-KEY', accessKeySecret: SECRET }),
    'storages/Down/e.json': seedDeclaration,
    'storages/Down/Down.json': seedConfig({ endPoint: await closedPort(), maxAttempts: 1 }),
    'storages/Slow/e.json': seedDeclaration,
    'storages/Slow/Slow.json': seedConfig({ endPoint: silent.endpoint, maxAttempts: 1, timeoutMs: 300 }),
    'storages/Broken/e.json': seedDeclaration,
    'storages/Broken/Broken.json': seedConfig({ region: 5 }),
    'storages/LockedType/e.json': { title: 'Locked', type: 'storages.AwsS3Type' },
    'storages/LockedType/index.ts': conflictType,
    'storages/Locked/e.json': { ...seedDeclaration, type: 'storages.LockedType' },
    'storages/Locked/Locked.json': seedConfig(),
  });
  app = await loadApp(folder.dir, { env: started.env, watch: true });
  gateway = createGateway({ app, bodyLimit: 4096, uploadLimit: 30 * 1024 * 1024 });
  base = await gateway.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gateway.close();
  await app.close();
  await silent.stop();
  await server.stop();
  folder.cleanup();
});

const post = (path: string, body: unknown) =>
  fetch(`${base}/api/elements/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
/** A GET whose path goes out byte for byte, `..` included. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.path = path;
    request.on('error', reject);
    request.end();
  });
}
const files = (element: string, key: string) => `${base}/api/elements/${element}/files/${key}`;

describe('GET /api/elements', () => {
  it('lists every element with its status, errors as { code, message, file, field }', async () => {
    const response = await fetch(`${base}/api/elements`);
    expect(response.status).toBe(200);
    const list = (await response.json()) as Array<{
      fullName: string;
      status: string;
      error?: Record<string, unknown>;
    }>;
    expect(list.find((e) => e.fullName === 'storages.MyS3')).toMatchObject({ kind: 'instance', status: 'ready' });
    expect(list.find((e) => e.fullName === 'storages.Broken')).toMatchObject({
      status: 'error',
      error: { code: 'INVALID_CONFIG', field: 'region', file: 'storages/Broken/Broken.json' },
    });
  });
});

describe('POST /api/elements/<fullName>/<function>', () => {
  it('calls the function with the JSON arguments and answers JSON, bytes raw', async () => {
    const uploaded = await post('storages.MyS3/uploadByFile', ['calls/a.txt', 'from POST', 'text/plain']);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toMatchObject({ key: 'calls/a.txt', size: 9, contentType: 'text/plain' });
    const downloaded = await post('storages.MyS3/download', ['calls/a.txt']);
    expect(downloaded.headers.get('content-type')).toBe('application/octet-stream');
    expect(await downloaded.text()).toBe('from POST');
    expect(await (await post('storages.MyS3/getObject', ['calls/a.txt'])).json()).toMatchObject({
      key: 'calls/a.txt',
      size: 9,
    });
    expect(await (await post('storages.MyS3/exists', ['calls/nope'])).json()).toBe(false);
    const signed = (await (await post('storages.MyS3/getSignUrl', ['calls/a.txt', 'text/plain', 60])).json()) as string;
    expect(await (await fetch(signed)).text()).toBe('from POST');
    expect(await (await post('storages.MyS3/list', ['calls/'])).json()).toMatchObject({
      items: [{ key: 'calls/a.txt' }],
    });
  });

  it.each([
    ['storages.Nope/download', ['a'], 404, 'NOT_FOUND', 'no element "storages.Nope"'],
    ['storages.MyS3/checkKey', ['a'], 404, 'NOT_FOUND', 'has no function "checkKey"'],
    ['storages.MyS3/dispose', [], 404, 'NOT_FOUND', 'has no function "dispose"'],
    ['storages.MyS3/constructor', [], 404, 'NOT_FOUND', 'has no function "constructor"'],
    ['storages.MyS3/download', [], 400, 'INVALID_ARGUMENT', 'download(name, options) takes 1 to 2 arguments, got 0'],
    [
      'storages.MyS3/getSignUrl',
      ['a', 'b', 1, 2],
      400,
      'INVALID_ARGUMENT',
      'getSignUrl(file, contentType, expires) takes 2 to 3 arguments, got 4',
    ],
    ['storages.MyS3/download', { name: 'a' }, 400, 'INVALID_ARGUMENT', 'must be a JSON array'],
    ['storages.MyS3/download', '["a",', 400, 'INVALID_ARGUMENT', 'JSON'],
    ['storages.MyS3/download', ['x'.repeat(5000)], 413, 'INVALID_ARGUMENT', 'too large'],
    [
      'storages.MyS3/download',
      ['../etc/passwd'],
      400,
      'INVALID_ARGUMENT',
      'must not contain "." or ".." path segments',
    ],
    [
      'storages.MyS3/getSignUrl',
      ['a', 'text/plain', 604801],
      400,
      'INVALID_ARGUMENT',
      'expires must be a whole number',
    ],
    ['storages.MyS3/download', ['missing.txt'], 404, 'NOT_FOUND', 'no such object'],
    ['storages.BadKey/download', ['a.txt'], 403, 'ACCESS_DENIED', 'access denied'],
    ['storages.Down/download', ['a.txt'], 503, 'UNAVAILABLE', 'server unavailable'],
    ['storages.Slow/download', ['a.txt'], 504, 'TIMEOUT', 'no answer in time'],
    ['storages.Locked/delete', ['a.txt'], 409, 'CONFLICT', 'locked'],
    ['storages.Broken/download', ['a.txt'], 500, 'INVALID_CONFIG', '"region"'],
    ['storages.MemoryType..x/download', ['a'], 400, 'INVALID_ARGUMENT', 'is not an element fullName'],
    ['storages.AwsS3Type/download', ['a'], 400, 'INVALID_ARGUMENT', 'is a Type'],
  ])('%s %j → %i %s', async (path, body, status, code, message) => {
    const response = await post(path, body);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { code: string; message: string };
    expect(answer.code).toBe(code);
    expect(answer.message).toContain(message);
    expect(JSON.stringify(answer)).not.toContain(SECRET);
  });
});

describe('/api/elements/<fullName>/files/<key>', () => {
  it('PUT stores the raw body with its Content-Type; GET, HEAD and DELETE follow', async () => {
    const url = files('storages.MyS3', 'docs/a%20b/%C3%BC.md');
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/markdown' }, body: '# hello' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ key: 'docs/a b/ü.md', contentType: 'text/markdown', size: 7 });
    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('text/markdown');
    expect(await get.text()).toBe('# hello');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('7');
    expect(head.headers.get('etag')).toMatch(/^"/);
    expect(head.headers.get('x-mti-storage-class')).toBe('STANDARD');
    expect(await (await fetch(url, { method: 'DELETE' })).json()).toEqual({ key: 'docs/a b/ü.md', deleted: true });
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(404);
  });

  it('defaults the Content-Type of a body sent without one', async () => {
    const put = await fetch(files('storages.MyS3', 'raw.bin'), { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    expect(await put.json()).toMatchObject({ size: 3 });
    expect((await fetch(files('storages.MyS3', 'raw.bin'), { method: 'HEAD' })).headers.get('content-type')).toMatch(
      /^(application\/octet-stream|text\/plain)/,
    );
  });

  it('streams a file larger than the multipart part size, both ways, intact', async () => {
    const data = randomBytes(20 * 1024 * 1024 + 17);
    const body = Readable.toWeb(
      Readable.from(
        (function* () {
          for (let i = 0; i < data.length; i += 1_000_000) yield data.subarray(i, i + 1_000_000);
        })(),
      ),
    );
    const put = await fetch(files('storages.MyS3', 'big/file.bin'), {
      method: 'PUT',
      headers: { 'content-type': 'application/x-big' },
      body: body as never,
      duplex: 'half',
    } as RequestInit);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ size: data.length });
    const get = await fetch(files('storages.MyS3', 'big/file.bin'));
    expect(get.headers.get('content-length')).toBe(String(data.length));
    const back = Buffer.from(await get.arrayBuffer());
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('refuses uploads over the limit, whether declared or streamed', async () => {
    const declared = await fetch(files('storages.MyS3', 'too/big.bin'), {
      method: 'PUT',
      body: Buffer.alloc(31 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    const streamed = Readable.toWeb(
      Readable.from(
        (function* () {
          for (let i = 0; i < 40; i++) yield Buffer.alloc(1024 * 1024);
        })(),
      ),
    );
    const chunked = await fetch(files('storages.MyS3', 'too/big2.bin'), {
      method: 'PUT',
      body: streamed as never,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await fetch(files('storages.MyS3', 'too/big2.bin'), { method: 'HEAD' })).status).toBe(404);
  });

  it('rejects path traversal in keys and fullNames', async () => {
    // Sent as written: fetch would normalise the dots away before they reach the server.
    for (const path of [
      'storages.MyS3/files/../../etc/passwd',
      'storages.MyS3/files/%2e%2e/%2e%2e/etc/passwd',
      'storages.MyS3/files/a/./b',
      '..%2Fstorages.MyS3/files/a',
      'storages.MyS3/files/',
    ]) {
      const answer = await rawGet(`/api/elements/${path}`);
      expect({ path, status: answer.status, code: (JSON.parse(answer.body) as { code: string }).code }).toEqual({
        path,
        status: 400,
        code: 'INVALID_ARGUMENT',
      });
    }
  });
});

describe('hot reload through the gateway', () => {
  it('serves the new config once the file changes', async () => {
    const before = (await (await fetch(files('storages.MyS3', 'r.txt'), { method: 'PUT', body: 'x' })).json()) as {
      url: string;
    };
    expect(before.url).toContain('/one/r.txt');
    const reload = nextReload(app, (e) => e.fullName === 'storages.MyS3');
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    await reload;
    const after = (await (await fetch(files('storages.MyS3', 'r.txt'), { method: 'PUT', body: 'y' })).json()) as {
      url: string;
    };
    expect(after.url).toContain('/two/r.txt');
  });
});

describe('bearer token', () => {
  it('is required on every request when set, and compared in constant time', async () => {
    const guarded = createGateway({ app, token: 's3cret-token' });
    const url = await guarded.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`${url}/api/elements`)).status).toBe(401);
      const wrong = await fetch(`${url}/api/elements`, { headers: { authorization: 'Bearer s3cret-tokeX' } });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ code: 'ACCESS_DENIED', message: 'missing or wrong bearer token' });
      expect(
        (await fetch(`${url}/api/elements`, { headers: { authorization: 'Bearer s3cret-token-longer' } })).status,
      ).toBe(401);
      expect((await fetch(`${url}/api/elements/storages.MyS3/files/a`, { method: 'PUT', body: 'x' })).status).toBe(401);
      expect((await fetch(`${url}/api/elements`, { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(
        200,
      );
    } finally {
      await guarded.close();
    }
  });
});
