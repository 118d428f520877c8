import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Element, ElementError, type ElementRegistration, z } from '@mti/core';
import { loadApp, type LoadedApp } from '@mti/loader';
import { CACHES_PACKAGE, cachesFamilyFiles } from './support/cachesFamily';
import { until } from './support/until';
import { tempApp, type TempApp } from './support/tempApp';

interface Cache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<{ key: string; size: number }>;
  delete(key: string): Promise<{ deleted: boolean }>;
}

const opened: Array<{ app?: LoadedApp; folder: TempApp }> = [];
afterEach(async () => {
  for (const { app, folder } of opened.splice(0)) {
    await app?.close();
    folder.cleanup();
  }
});

async function open(files: Record<string, string | object>, options: Parameters<typeof loadApp>[1] = {}) {
  const folder = tempApp(files);
  const entry: { app?: LoadedApp; folder: TempApp } = { folder };
  opened.push(entry);
  entry.app = await loadApp(folder.dir, options);
  return { app: entry.app, folder };
}

const caught = async (run: () => unknown): Promise<ElementError> => {
  try {
    await run();
  } catch (error) {
    if (ElementError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an ElementError');
};

describe('a second family (caches.Meta) from a package app.json names', () => {
  it('loads beside the official Types, each element naming its Meta', async () => {
    const { app } = await open(cachesFamilyFiles());
    const infos = new Map(app.listElements().map((info) => [info.fullName, info]));
    expect(infos.get('caches.Meta')).toMatchObject({
      kind: 'meta',
      meta: 'caches.Meta',
      status: 'ready',
      origin: 'builtin',
    });
    expect(infos.get('caches.MemoryType')).toMatchObject({ kind: 'type', meta: 'caches.Meta', type: 'caches.Meta' });
    expect(infos.get('caches.Sessions')).toMatchObject({ kind: 'instance', meta: 'caches.Meta', status: 'ready' });
    // The storage family is still there, and says which Meta it belongs to.
    expect(infos.get('storages.AwsS3Type')).toMatchObject({ kind: 'type', meta: 'storages.Meta' });
    expect(infos.get('storages.DiskType')).toMatchObject({ kind: 'type', meta: 'storages.Meta' });
  });

  it('serves calls through its own contract, config included', async () => {
    const { app } = await open(cachesFamilyFiles(2));
    const cache = app.getElement<Cache>('caches.Sessions');
    await cache.set('a', 1);
    await cache.set('b', 2);
    expect(await cache.set('c', 3)).toEqual({ key: 'c', size: 2 });
    expect(await cache.get('a')).toBeNull();
    expect(await cache.get('c')).toBe(3);
    expect(await cache.delete('b')).toEqual({ deleted: true });
    expect([...app.functionsOf('caches.Sessions').keys()].sort()).toEqual(['delete', 'get', 'set']);
  });

  it('refuses a config its Type refuses, naming the field', async () => {
    const { app } = await open({ ...cachesFamilyFiles(), 'caches/Sessions/Sessions.json': { maxEntries: -1 } });
    const info = app.listElements().find((element) => element.fullName === 'caches.Sessions');
    expect(info?.status).toBe('error');
    expect(info?.error).toMatchObject({
      code: 'INVALID_CONFIG',
      field: 'maxEntries',
      file: 'caches/Sessions/Sessions.json',
    });
  });

  it('reloads when its config changes on disk', async () => {
    const { app, folder } = await open(cachesFamilyFiles(1), { watch: true });
    writeFileSync(join(folder.dir, 'caches/Sessions/Sessions.json'), '{ "maxEntries": 3 }\n');
    await until(
      app,
      (current) => current.getElement<{ config: { maxEntries: number } }>('caches.Sessions').config.maxEntries === 3,
    );
    const cache = app.getElement<Cache>('caches.Sessions');
    await cache.set('a', 1);
    expect(await cache.set('b', 2)).toEqual({ key: 'b', size: 2 });
  });
});

describe('registrations a host program gives loadApp', () => {
  class CounterMeta extends Element {
    static readonly contract = ['next'];
  }
  class StepCounterType extends CounterMeta {
    static readonly configSchema = z.strictObject({ step: z.number().int() });
    #value = 0;
    next(): number {
      this.#value += (this.config as { step: number }).step;
      return this.#value;
    }
  }
  const counters: ElementRegistration[] = [
    { fullName: 'counters.Meta', title: 'Counter', implementation: CounterMeta, source: 'host' },
    {
      fullName: 'counters.StepType',
      title: 'Step counter',
      type: 'counters.Meta',
      implementation: StepCounterType,
      source: 'host',
    },
  ];

  it('adds a family beside the official ones', async () => {
    const { app } = await open(
      {
        'counters/Clicks/e.json': { title: 'Clicks', type: 'counters.StepType' },
        'counters/Clicks/Clicks.json': { step: 5 },
      },
      { registrations: counters },
    );
    const clicks = app.getElement<StepCounterType>('counters.Clicks');
    clicks.next();
    expect(clicks.next()).toBe(10);
    expect(app.listElements().find((info) => info.fullName === 'counters.Clicks')?.meta).toBe('counters.Meta');
  });

  it.each([
    ['not an array', { fullName: 'counters.Meta' }, 'must be an array of registrations; got an object'],
    ['an entry that is a string', ['counters.Meta'], 'registrations[0]: must be an object'],
    [
      'a fullName without a family',
      [{ ...counters[0], fullName: 'Counter' }],
      'registrations[0]: "fullName" must be a fullName such as caches.Meta or storages.MyType; got "Counter"',
    ],
    [
      'an implementation that is an arrow function',
      [counters[0], { ...counters[1], implementation: () => ({}) }],
      'registrations[1] (counters.StepType): "implementation" must be the element\'s class; got a function that is not a class',
    ],
    ['no source', [{ ...counters[0], source: '' }], 'registrations[0] (counters.Meta): "source" must name the package'],
  ])('refuses %s before anything loads', async (_label, registrations, says) => {
    const folder = tempApp({});
    opened.push({ folder });
    const error = await caught(() => loadApp(folder.dir, { registrations: registrations as never }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'registrations' });
    expect(error.message).toContain(says);
  });

  it('refuses a Type whose Meta no registration provides, naming both and the fix', async () => {
    const folder = tempApp({});
    opened.push({ folder });
    const error = await caught(() => loadApp(folder.dir, { registrations: [counters[1] as ElementRegistration] }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', element: 'counters.StepType' });
    expect(error.message).toContain(
      'counters.StepType (from host) builds on counters.Meta, which no registration provides',
    );
  });
});

describe("app.json's typePackages", () => {
  it('refuses a package whose registrations are not, naming the package and the field', async () => {
    const files = cachesFamilyFiles();
    files[`node_modules/${CACHES_PACKAGE}/index.js`] =
      "exports.registrations = [{ fullName: 'caches.Meta', title: 'Cache', source: 'x' }];\n";
    const folder = tempApp(files);
    opened.push({ folder });
    const error = await caught(() => loadApp(folder.dir));
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', file: 'app.json', field: 'typePackages' });
    expect(error.message).toContain(
      `type package "${CACHES_PACKAGE}" exports registrations that are not: registrations[0] (caches.Meta): "implementation" must be the element's class; got nothing`,
    );
  });
});

describe('the modules Type code may import', () => {
  it('are the official packages, not the loader', async () => {
    const { app } = await open({
      'storages/Loads/e.json': { title: 'Loads', type: 'storages.Meta', backendBundleEntry: '.' },
      'storages/Loads/index.js': "const { loadApp } = require('@mti/loader');\nmodule.exports = class {};\n",
    });
    const info = app.listElements().find((element) => element.fullName === 'storages.Loads');
    expect(info?.status).toBe('error');
    expect(info?.error?.message).toContain('@mti/loader');
    // Not offered, so Node resolves it as any package: found outside the app (through pnpm's
    // NODE_PATH, say) it is refused by the confinement, which lists what is offered; found
    // nowhere it cannot be found. Either way the Type never gets it.
    expect(info?.error?.message).toMatch(
      /outside the app folder; .*the runtime's shared modules \(@mti\/core, @mti\/type-aws-s3, @mti\/type-disk\)|Cannot find module '@mti\/loader'/,
    );
  });
});
