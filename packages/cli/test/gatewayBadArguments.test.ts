import { request as httpRequest } from 'node:http';
import type { LoadedApp } from '@mti/loader';
import type { RunningS3rver } from '../../loader/test/support/s3';
import type { TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { closeSeedS3App, seedS3App } from './support/seedS3App';

// Arguments the storage refuses reach the client as 400 INVALID_ARGUMENT naming what is wrong,
// never as a 500 from deeper down (issue 15, point 7): each of these was a 500, a 503 or a
// misleading 404 once.

let server: RunningS3rver;
let folder: TempApp;
let app: LoadedApp;
const gateways = new OpenGateways();
let port: number;

beforeAll(async () => {
  ({ server, folder, app } = await seedS3App({ config: { prefix: 'bad-args' }, watch: false }));
  port = Number(new URL(await gateways.at({ app })).port);
});
afterAll(async () => {
  await gateways.close();
  await closeSeedS3App({ server, folder, app });
});

/** One request with exactly these header bytes and body, as curl could send it. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; json: { code?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text || '{}') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const element = '/api/elements/storages.MyS3';
const call = (fn: string, args: string) =>
  send('POST', `${element}/${fn}`, { 'content-type': 'application/json' }, args);

describe('arguments the storage refuses', () => {
  it('a PUT whose Content-Type is not ASCII (curl sends UTF-8 bytes): 400 naming contentType', async () => {
    const header = Buffer.from('text/plain; name=✓', 'utf8').toString('latin1');
    const answer = await send('PUT', `${element}/files/ct.txt`, { 'content-type': header }, 'x');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('contentType') });
  });

  it('a Content-Type beyond Latin-1 in a call: 400 naming contentType', async () => {
    const answer = await call('uploadByFile', JSON.stringify(['ct.txt', 'x', 'text/✓']));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('contentType') });
  });

  it('a key holding a lone surrogate: 400 naming the key, not 500 "URI malformed"', async () => {
    const answer = await call('uploadByFile', '["a\\ud800b", "x", "text/plain"]');
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe('INVALID_ARGUMENT');
    expect(answer.json.message).toMatch(/name .*surrogate/);
    expect(answer.json.message).not.toContain('URI malformed');
  });

  it('30,000 metadata entries: 400 naming options.metadata', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, 'v']));
    const answer = await call('uploadByFile', JSON.stringify(['meta.txt', 'x', 'text/plain', { metadata }]));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('metadata') });
  });

  it('a list cursor that no listing gave (base64 of anything): 400 naming cursor, not 503', async () => {
    const answer = await call('list', JSON.stringify(['', { cursor: Buffer.from('hello').toString('base64') }]));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('cursor') });
  });

  it('a key with an empty segment (a//b): 400, not 404 "XML parse error"', async () => {
    for (const answer of [
      await send('PUT', `${element}/files/a//b`, { 'content-type': 'text/plain' }, 'x'),
      await send('GET', `${element}/files/a//b`, {}),
      await call('uploadByFile', JSON.stringify(['a//b', 'x'])),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.json.code).toBe('INVALID_ARGUMENT');
      expect(answer.json.message).toContain('//');
      expect(answer.json.message).not.toContain('XML');
    }
  });
});
