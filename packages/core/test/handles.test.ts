import { inspect } from 'node:util';
import { createApp, ElementError, ElementNotFoundError, type StorageMeta, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

type Memory = MemoryStorageType;

function appWith(config: Record<string, unknown> = goodConfig) {
  return createApp({
    registrations: [storagesMeta, memoryRegistration],
    env: {},
    elements: [memoryInstance('storages/MyS3', config)],
  });
}

beforeEach(() => {
  MemoryStorageType.created = 0;
  MemoryStorageType.disposed = [];
});

describe('app.getElement', () => {
  it('returns the same handle every time, and awaiting it yields the handle', async () => {
    const app = appWith();
    const handle = app.getElement<Memory>('storages.MyS3');
    expect(app.getElement('storages.MyS3')).toBe(handle);
    expect(await Promise.resolve(handle)).toBe(handle);
    await app.close();
  });

  it('creates the instance on first use, then reuses it', async () => {
    const app = appWith();
    const s3 = app.getElement<Memory>('storages.MyS3');
    expect(MemoryStorageType.created).toBe(0);
    await s3.uploadByFile('a.txt', 'hello', 'text/plain');
    await s3.uploadByFile('b.txt', 'hello');
    expect((await s3.download('a.txt')).toString()).toBe('hello');
    expect(MemoryStorageType.created).toBe(1);
    expect(s3.fullName).toBe('storages.MyS3');
    expect(s3.type).toBe('storages.MemoryType');
    await app.close();
  });

  it('throws NOT_FOUND with close matches for an unknown name', () => {
    const app = appWith();
    let caught: unknown;
    try {
      app.getElement('storages.mys3');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ElementNotFoundError);
    expect(ElementError.hasCode(caught, 'NOT_FOUND')).toBe(true);
    expect((caught as ElementNotFoundError).suggestions).toEqual(['storages.MyS3']);
    expect((caught as Error).message).toBe('no element "storages.mys3" in this app; did you mean "storages.MyS3"?');
    expect(() => app.getElement('nothing.Close')).toThrow('no element "nothing.Close" in this app');
  });

  it('refuses Metas and Types, pointing at Instances', () => {
    const app = appWith();
    expect(() => app.getElement('storages.MemoryType')).toThrow(
      'storages.MemoryType is a Type; getElement returns Instances (storages.MyS3)',
    );
    expect(() => app.getElement('storages.Meta')).toThrow(/is a Meta/);
  });

  it('rejects calls on an element whose config is invalid, with its error', async () => {
    const app = appWith({ bucketName: 'x' });
    const s3 = app.getElement<Memory>('storages.MyS3');
    await expect(s3.download('a')).rejects.toMatchObject({ code: 'INVALID_CONFIG', field: 'bucketName' });
    expect(MemoryStorageType.created).toBe(0);
  });

  it('is read-only and describes itself without reaching the instance', () => {
    const app = appWith();
    const s3 = app.getElement<Memory>('storages.MyS3');
    expect(() => {
      (s3 as unknown as Record<string, unknown>).download = 1;
    }).toThrow('cannot set "download" on ElementHandle(storages.MyS3): handles are read-only');
    expect(() => {
      (s3 as unknown as Record<string, unknown>).anything = 1;
    }).toThrow(TypeError);
    // Once read, a method is an own read-only property of the handle; it cannot be replaced either.
    const upload = s3.uploadByFile;
    expect(Object.getOwnPropertyDescriptor(s3, 'uploadByFile')).toMatchObject({ value: upload, writable: false });
    expect(() => {
      (s3 as unknown as Record<string, unknown>).uploadByFile = 1;
    }).toThrow(TypeError);
    expect(s3.uploadByFile).toBe(upload);
    expect(Object.keys(s3)).toEqual([]);
    expect(inspect(s3)).toBe('ElementHandle(storages.MyS3)');
    expect(JSON.stringify({ s3 })).toBe('{"s3":{"element":"storages.MyS3"}}');
    expect(MemoryStorageType.created).toBe(0);
  });
});

describe('handles across updates', () => {
  it('routes new calls to the new instance and lets running calls finish on the old one', async () => {
    const records = (latencyMs: number, bucketName: string) => [
      memoryInstance('storages/MyS3', { ...goodConfig, bucketName, latencyMs }),
    ];
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: records(50, 'first'),
    });
    const s3 = app.getElement<Memory>('storages.MyS3');
    const running = s3.uploadByFile('slow.txt', 'x');
    const changes = app.update(records(0, 'second'));
    expect(changes).toEqual([{ fullName: 'storages.MyS3', status: 'ready' }]);
    const fresh = await s3.uploadByFile('fast.txt', 'y');
    expect(fresh.bucket).toBe('second');
    expect(MemoryStorageType.disposed).toEqual([]);
    expect((await running).bucket).toBe('first');
    await new Promise((resolve) => setImmediate(resolve));
    expect(MemoryStorageType.disposed).toEqual(['storages.MyS3']);
    expect(MemoryStorageType.created).toBe(2);
    await app.close();
    expect(MemoryStorageType.disposed).toEqual(['storages.MyS3', 'storages.MyS3']);
  });

  it('hands out one function per method, which follows reloads like the handle itself', async () => {
    const records = (bucketName: string) => [memoryInstance('storages/MyS3', { ...goodConfig, bucketName })];
    const app = createApp({ registrations: [storagesMeta, memoryRegistration], env: {}, elements: records('first') });
    const s3 = app.getElement<Memory>('storages.MyS3');
    const upload = s3.uploadByFile;
    expect(s3.uploadByFile).toBe(upload);
    expect((await upload('a.txt', 'x')).bucket).toBe('first');
    app.update(records('second'));
    expect((await upload('b.txt', 'y')).bucket).toBe('second');
    expect(s3.uploadByFile).toBe(upload);
    // Not a method: read from the instance, never wrapped.
    expect(s3.config.bucketName).toBe('second');
    await app.close();
  });

  it('rejects a method taken before a reload whose class no longer has it, and finds new ones', async () => {
    class Extra extends MemoryStorageType {
      async extra(): Promise<string> {
        return `extra from ${this.config.bucketName}`;
      }
    }
    class Later extends MemoryStorageType {
      async later(): Promise<string> {
        return 'later';
      }
    }
    const records = (type: string) => [
      {
        folder: 'storages/ExtraType',
        declaration: { title: 'extra', type: 'storages.MemoryType' },
        implementation: Extra,
      },
      {
        folder: 'storages/LaterType',
        declaration: { title: 'later', type: 'storages.MemoryType' },
        implementation: Later,
      },
      memoryInstance('storages/MyS3', goodConfig, type),
    ];
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: records('storages.ExtraType'),
    });
    const s3 = app.getElement<Extra & Later>('storages.MyS3');
    const extra = s3.extra;
    await expect(extra()).resolves.toBe('extra from reports');
    app.update(records('storages.LaterType'));
    await expect(s3.extra()).rejects.toMatchObject({
      code: 'NOT_FOUND',
      element: 'storages.MyS3',
      message: 'storages.MyS3 has no method "extra" any more (its Type changed after this function was taken)',
    });
    await expect(s3.later()).resolves.toBe('later');
    await app.close();
  });

  it('keeps an unchanged element on its instance', async () => {
    const elements = [memoryInstance('storages/MyS3', goodConfig)];
    const app = createApp({ registrations: [storagesMeta, memoryRegistration], env: {}, elements });
    const s3 = app.getElement<Memory>('storages.MyS3');
    await s3.uploadByFile('k', 'v');
    expect(app.update(elements)).toEqual([]);
    expect((await s3.download('k')).toString()).toBe('v');
    expect(MemoryStorageType.created).toBe(1);
    await app.close();
  });

  it('keeps the last good version serving while the new one is invalid, and recovers', async () => {
    const app = appWith();
    const s3 = app.getElement<Memory>('storages.MyS3');
    await s3.uploadByFile('k', 'v');
    const broken = app.update([memoryInstance('storages/MyS3', { bucketName: 1 })]);
    expect(broken).toMatchObject([{ fullName: 'storages.MyS3', status: 'error', error: { code: 'INVALID_CONFIG' } }]);
    expect(app.listElements().find((e) => e.fullName === 'storages.MyS3')).toMatchObject({
      status: 'error',
      kind: 'instance',
    });
    expect((await s3.download('k')).toString()).toBe('v');
    expect(app.update([memoryInstance('storages/MyS3', goodConfig)])).toEqual([
      { fullName: 'storages.MyS3', status: 'ready' },
    ]);
    expect(MemoryStorageType.created).toBe(1);
    await app.close();
  });

  it('rebuilds Instances when a secret alone changes', async () => {
    const app = appWith();
    const s3 = app.getElement<Memory>('storages.MyS3');
    await s3.uploadByFile('k', 'v');
    app.update([memoryInstance('storages/MyS3', { ...goodConfig, apiKey: 'rotated-key' })]);
    await s3.uploadByFile('k', 'v');
    expect(MemoryStorageType.created).toBe(2);
    await app.close();
  });

  it('makes a removed element NOT_FOUND for new calls', async () => {
    const app = appWith();
    const s3 = app.getElement<StorageMeta>('storages.MyS3');
    await s3.uploadByFile('k', 'v');
    expect(app.update([])).toEqual([{ fullName: 'storages.MyS3', status: 'removed' }]);
    await expect(s3.download('k')).rejects.toBeInstanceOf(ElementNotFoundError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(MemoryStorageType.disposed).toEqual(['storages.MyS3']);
    await app.close();
  });
});

describe('app.close', () => {
  it('waits for running calls, disposes every built instance once, then refuses work', async () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [
        memoryInstance('storages/A', { ...goodConfig, latencyMs: 30 }),
        memoryInstance('storages/B', goodConfig),
        memoryInstance('storages/Unused', goodConfig),
      ],
    });
    const a = app.getElement<Memory>('storages.A');
    const b = app.getElement<Memory>('storages.B');
    await b.uploadByFile('k', 'v');
    const running = a.uploadByFile('k', 'v');
    const closing = app.close();
    expect(MemoryStorageType.disposed).toEqual([]);
    await closing;
    await expect(running).resolves.toMatchObject({ key: 'k' });
    expect(MemoryStorageType.disposed.sort()).toEqual(['storages.A', 'storages.B']);
    await expect(b.download('k')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(() => app.getElement('storages.B')).toThrow('app "app" is closed');
    await expect(app.close()).resolves.toBeUndefined();
  });
});
