import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApp, type LoadedApp } from '@mti/loader';
import { cachesFamilyFiles } from '../../loader/test/support/cachesFamily';
import { tempApp, type TempApp } from '../../loader/test/support/tempApp';
import { OpenGateways } from './support/OpenGateways';
import { outputUntil, spawnCli } from './support/runCli';

// An app with two families: storage (a DiskType Instance, no server needed) and caches.
let folder: TempApp;
let rootDir: string;
let app: LoadedApp;
let base: string;
const gateways = new OpenGateways();

beforeAll(async () => {
  rootDir = mkdtempSync(join(tmpdir(), 'mti-families-disk-'));
  folder = tempApp({
    ...cachesFamilyFiles(),
    'storages/Files/e.json': { title: 'Files', type: 'storages.DiskType' },
    'storages/Files/Files.json': { rootDir, signingSecret: 'families-test-signing-secret-0123456789' },
  });
  app = await loadApp(folder.dir);
  base = await gateways.at({ app, console: false });
});

afterAll(async () => {
  await gateways.close();
  await app.close();
  folder.cleanup();
  rmSync(rootDir, { recursive: true, force: true });
});

const send = async (method: string, path: string, body?: string) => {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
};

describe('the gateway with a second family', () => {
  it.each([
    ['PUT', '/api/elements/caches.Sessions/files/a.txt', '"x"'],
    ['GET', '/api/elements/caches.Sessions/files/a.txt', undefined],
    ['HEAD', '/api/elements/caches.Sessions/files/a.txt', undefined],
    ['DELETE', '/api/elements/caches.Sessions/files/a.txt', undefined],
    ['POST', '/api/elements/caches.Sessions/links', '{"key":"a.txt"}'],
    ['GET', '/api/signed/caches.Sessions/a.txt?expires=1&signature=x', undefined],
  ])('answers %s %s with a coded 404: it has no objects', async (method, path, body) => {
    const answer = await send(method, path, body);
    expect(answer.status).toBe(404);
    if (method !== 'HEAD') {
      expect(answer.json).toMatchObject({ code: 'NOT_FOUND', element: 'caches.Sessions' });
      expect(answer.json?.message).toContain(
        'it is an Instance of caches.Meta, and object routes serve Instances of storages.Meta only',
      );
    }
  });

  it("calls the family's own functions", async () => {
    expect(await send('POST', '/api/elements/caches.Sessions/set', '["k", {"v": 1}]')).toEqual({
      status: 200,
      json: { key: 'k', size: 1 },
    });
    expect(await send('POST', '/api/elements/caches.Sessions/get', '["k"]')).toEqual({ status: 200, json: { v: 1 } });
  });

  it('lists each element with its Meta', async () => {
    const listed = (await send('GET', '/api/elements')).json as unknown as Array<Record<string, unknown>>;
    const byName = new Map(listed.map((element) => [element.fullName, element]));
    expect(byName.get('caches.Sessions')).toMatchObject({ meta: 'caches.Meta', kind: 'instance', status: 'ready' });
    expect(byName.get('storages.Files')).toMatchObject({ meta: 'storages.Meta', kind: 'instance', status: 'ready' });
  });

  it("still serves the storage family's objects", async () => {
    const put = await fetch(`${base}/api/elements/storages.Files/files/hello.txt`, {
      method: 'PUT',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    const got = await fetch(`${base}/api/elements/storages.Files/files/hello.txt`);
    expect(await got.text()).toBe('hello');
  });
});

describe('mti serve with a second family', () => {
  it('prints the elements by family, and its try lines name a storage', async () => {
    const child = spawnCli(['serve', folder.dir, '--port', '0']);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const stdout = await outputUntil(child, 'curl http');
      const cachesAt = stdout.indexOf('caches.Meta (Cache): 1 instance, 1 ready');
      const storagesAt = stdout.indexOf('storages.Meta (Storage): 1 instance, 1 ready');
      expect(cachesAt).toBeGreaterThan(-1);
      expect(storagesAt).toBeGreaterThan(cachesAt);
      // Each block lists its own members only.
      const cachesBlock = stdout.slice(cachesAt, storagesAt);
      expect(cachesBlock).toContain('caches.Sessions');
      expect(cachesBlock).not.toContain('storages.');
      expect(stdout.slice(storagesAt)).toContain('storages.Files');
      expect(stdout).toMatch(/curl .*\/api\/elements\/storages\.Files\/files\/hello\.txt/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
