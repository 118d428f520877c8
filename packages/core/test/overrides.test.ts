import { createApp, type ElementRecord, type UploadData, type UploadResult, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

/** A team's encapsulation of the official Type: a tenant prefix on every key. */
class TenantMemory extends MemoryStorageType {
  override async uploadByFile(name: string, data: UploadData, contentType?: string): Promise<UploadResult> {
    return super.uploadByFile(`tenant-a/${name}`, data, contentType);
  }
  override async download(name: string): Promise<Buffer> {
    return super.download(`tenant-a/${name}`);
  }
}

const override: ElementRecord = {
  folder: 'storages/MemoryType',
  declaration: { title: 'Our memory storage', type: 'storages.Meta' },
  implementation: TenantMemory,
};

describe('overriding an official Type', () => {
  it('wins for every Instance of that type in the app, and can call super', async () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [override, memoryInstance('storages/One', goodConfig), memoryInstance('storages/Two', goodConfig)],
    });
    const one = app.getElement<MemoryStorageType>('storages.One');
    const two = app.getElement<MemoryStorageType>('storages.Two');
    expect((await one.uploadByFile('a.txt', 'x')).key).toBe('tenant-a/a.txt');
    expect((await two.uploadByFile('b.txt', 'y')).key).toBe('tenant-a/b.txt');
    expect((await one.download('a.txt')).toString()).toBe('x');
    // The underlying official method is reached: the key lands where super put it.
    expect(await one.getObject('tenant-a/a.txt')).toMatchObject({ key: 'tenant-a/a.txt', size: 1 });
    expect(app.listElements().find((e) => e.fullName === 'storages.MemoryType')).toMatchObject({
      kind: 'type',
      origin: 'app',
      overrides: '@mti/test-memory',
      title: 'Our memory storage',
    });
    await app.close();
  });

  it('leaves other apps on the official class', async () => {
    const withOverride = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [override, memoryInstance('storages/S', goodConfig)],
    });
    const plain = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [memoryInstance('storages/S', goodConfig)],
    });
    expect((await withOverride.getElement<MemoryStorageType>('storages.S').uploadByFile('k', 'v')).key).toBe(
      'tenant-a/k',
    );
    expect((await plain.getElement<MemoryStorageType>('storages.S').uploadByFile('k', 'v')).key).toBe('k');
    await Promise.all([withOverride.close(), plain.close()]);
  });

  it('goes back to the official class when the override is removed', async () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [override, memoryInstance('storages/S', goodConfig)],
    });
    const s = app.getElement<MemoryStorageType>('storages.S');
    expect((await s.uploadByFile('k', 'v')).key).toBe('tenant-a/k');
    const changes = app.update([memoryInstance('storages/S', goodConfig)]);
    expect(changes.map((c) => `${c.fullName}:${c.status}`).sort()).toEqual([
      'storages.MemoryType:ready',
      'storages.S:ready',
    ]);
    expect((await s.uploadByFile('k', 'v')).key).toBe('k');
    await app.close();
  });

  it('refuses an override without code, naming both sides and the fix', () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [{ ...override, implementation: undefined }, memoryInstance('storages/S', goodConfig)],
    });
    const info = new Map(app.listElements().map((e) => [e.fullName, e]));
    expect(info.get('storages.MemoryType')?.error?.message).toBe(
      'storages.MemoryType: storages/MemoryType/e.json: overrides the official Type storages.MemoryType of @mti/test-memory but has no code; add an index.ts (or index.js) beside it whose default export is a class extending the official one',
    );
    // Instances do not silently fall back to the official class: the team's rules would be skipped.
    expect(info.get('storages.S')?.status).toBe('error');
  });

  it('refuses to override a Meta', () => {
    const app = createApp({
      elements: [{ folder: 'storages/Meta', declaration: { title: 'mine' }, implementation: MemoryStorageType }],
    });
    expect(app.listElements().find((e) => e.fullName === 'storages.Meta')?.error?.message).toContain(
      'declares storages.Meta, the built-in Meta of @mti/core; Metas cannot be overridden',
    );
  });
});

describe('a Type extending a Type', () => {
  it('builds Instances from the most derived class, with the inherited schema and secrets', async () => {
    class Audited extends MemoryStorageType {
      static calls: string[] = [];
      override async download(name: string): Promise<Buffer> {
        Audited.calls.push(`${this.fullName}:download:${name}`);
        return super.download(name);
      }
    }
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [
        {
          folder: 'storages/AuditedType',
          declaration: { title: 'Audited', type: 'storages.MemoryType' },
          implementation: Audited,
        },
        memoryInstance('storages/Reports', goodConfig, 'storages.AuditedType'),
        memoryInstance('storages/Bad', { bucketName: 'ok1' }, 'storages.AuditedType'),
      ],
    });
    const reports = app.getElement<MemoryStorageType>('storages.Reports');
    await reports.uploadByFile('r.pdf', 'pdf');
    expect((await reports.download('r.pdf')).toString()).toBe('pdf');
    expect(Audited.calls).toEqual(['storages.Reports:download:r.pdf']);
    expect(reports.type).toBe('storages.AuditedType');
    expect(app.listElements().find((e) => e.fullName === 'storages.Bad')?.error?.field).toBe('apiKey');
    await app.close();
  });
});
