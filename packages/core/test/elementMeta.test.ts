import {
  createApp,
  Element,
  storagesMeta,
  z,
  type ElementInfo,
  type ElementRecord,
  type ElementRegistration,
} from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

// A second family that owes nothing to storage: its Meta, one official Type, one Instance.
class CacheMeta extends Element {
  static readonly contract = ['get'];
}

class MemoryCacheType extends CacheMeta {
  static readonly configSchema = z.strictObject({ maxEntries: z.number().int().positive() });
  get(): null {
    return null;
  }
}

const cachesMeta: ElementRegistration = {
  fullName: 'caches.Meta',
  title: 'Cache',
  implementation: CacheMeta,
  source: '@acme/caches',
};

const cacheTypeRegistration: ElementRegistration = {
  fullName: 'caches.MemoryType',
  title: 'In-memory cache',
  type: 'caches.Meta',
  implementation: MemoryCacheType,
  source: '@acme/caches',
};

const registrations = [storagesMeta, memoryRegistration, cachesMeta, cacheTypeRegistration];

function build(elements: ElementRecord[]): Map<string, ElementInfo> {
  const app = createApp({ elements, registrations, env: {} });
  return new Map(app.listElements().map((info) => [info.fullName, info]));
}

function typeRecord(folder: string, type: string, implementation?: ElementRecord['implementation']): ElementRecord {
  return { folder, declaration: { title: folder, type }, implementation };
}

describe('ElementInfo.meta', () => {
  it('is a Meta’s own fullName, and the Meta a Type or an Instance builds on', () => {
    const info = build([memoryInstance('storages/MyS3', goodConfig)]);
    expect(info.get('storages.Meta')).toMatchObject({ kind: 'meta', meta: 'storages.Meta' });
    expect(info.get('storages.MemoryType')).toMatchObject({ kind: 'type', meta: 'storages.Meta' });
    expect(info.get('storages.MyS3')).toMatchObject({ kind: 'instance', status: 'ready', meta: 'storages.Meta' });
  });

  it('follows a Type extending a Type, and its Instances, to the Meta at the root', () => {
    class TenantType extends MemoryStorageType {}
    class AuditedTenantType extends TenantType {}
    const info = build([
      typeRecord('storages/TenantType', 'storages.MemoryType', TenantType),
      typeRecord('storages/AuditedType', 'storages.TenantType', AuditedTenantType),
      memoryInstance('storages/Audited', goodConfig, 'storages.AuditedType'),
    ]);
    expect(info.get('storages.TenantType')).toMatchObject({ kind: 'type', meta: 'storages.Meta' });
    expect(info.get('storages.AuditedType')).toMatchObject({
      kind: 'type',
      type: 'storages.TenantType',
      meta: 'storages.Meta',
    });
    expect(info.get('storages.Audited')).toMatchObject({ kind: 'instance', status: 'ready', meta: 'storages.Meta' });
  });

  it('names a second family’s Meta for its elements, and an app-declared Meta for its own', () => {
    const info = build([
      {
        folder: 'caches/Sessions',
        declaration: { title: 'Sessions', type: 'caches.MemoryType' },
        config: { maxEntries: 2 },
      },
      memoryInstance('storages/MyS3', goodConfig),
      { folder: 'queues/Meta', declaration: { title: 'Queue contract' } },
    ]);
    expect(info.get('caches.Meta')).toMatchObject({ kind: 'meta', meta: 'caches.Meta' });
    expect(info.get('caches.MemoryType')).toMatchObject({ kind: 'type', meta: 'caches.Meta' });
    expect(info.get('caches.Sessions')).toMatchObject({ kind: 'instance', status: 'ready', meta: 'caches.Meta' });
    expect(info.get('storages.MyS3')?.meta).toBe('storages.Meta');
    expect(info.get('queues.Meta')).toMatchObject({ kind: 'meta', origin: 'app', meta: 'queues.Meta' });
  });

  it('is still known when the chain reaches a Meta but the element is in error', () => {
    class Half extends Element {}
    const info = build([
      memoryInstance('storages/BadConfig', { bucketName: 'x' }),
      { folder: 'caches/Big', declaration: { title: 'Big', type: 'caches.MemoryType' }, config: { maxEntries: -1 } },
      memoryInstance('storages/OfMeta', goodConfig, 'storages.Meta'),
      memoryInstance('storages/OfInstance', goodConfig, 'storages.BadConfig'),
      typeRecord('caches/HalfType', 'caches.Meta', Half),
    ]);
    for (const [name, meta] of [
      ['storages.BadConfig', 'storages.Meta'],
      ['caches.Big', 'caches.Meta'],
      ['storages.OfMeta', 'storages.Meta'],
      ['storages.OfInstance', 'storages.Meta'],
      ['caches.HalfType', 'caches.Meta'],
    ]) {
      expect(info.get(name as string)).toMatchObject({ status: 'error', meta });
    }
  });

  it('is absent when the chain cannot be followed to a Meta', () => {
    const info = build([
      typeRecord('storages/Typo', 'storages.MemoryTyp', MemoryStorageType),
      memoryInstance('storages/OnTypo', goodConfig, 'storages.Typo'),
      typeRecord('x/A', 'x.B', MemoryStorageType),
      typeRecord('x/B', 'x.A', MemoryStorageType),
      { folder: 'caches/Unread', declaration: { title: 42 } },
      { folder: 'caches/OnUnread', declaration: { title: 'On unread', type: 'caches.Unread' } },
    ]);
    for (const name of ['storages.Typo', 'storages.OnTypo', 'x.A', 'x.B', 'caches.Unread', 'caches.OnUnread']) {
      expect(info.get(name)?.status).toBe('error');
      expect(info.get(name)).not.toHaveProperty('meta');
    }
  });

  it('stays the last good version’s while a broken update keeps it serving', () => {
    const app = createApp({ elements: [memoryInstance('storages/MyS3', goodConfig)], registrations, env: {} });
    app.update([memoryInstance('storages/MyS3', goodConfig, 'storages.Nowhere')]);
    const info = app.listElements().find((element) => element.fullName === 'storages.MyS3');
    expect(info).toMatchObject({ status: 'error', type: 'storages.MemoryType', meta: 'storages.Meta' });
  });
});
