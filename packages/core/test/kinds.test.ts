import { createApp, ElementError, StorageMeta, type ElementInfo, type ElementRecord, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

function build(elements: ElementRecord[]): Map<string, ElementInfo> {
  const app = createApp({ elements, registrations: [storagesMeta, memoryRegistration], env: {} });
  return new Map(app.listElements().map((info) => [info.fullName, info]));
}

function typeRecord(folder: string, type: string, implementation?: ElementRecord['implementation']): ElementRecord {
  return { folder, declaration: { title: folder, type }, implementation };
}

describe('element kinds and type chains', () => {
  it('tells Metas, Types and Instances apart, built-ins included', () => {
    class Tenant extends MemoryStorageType {}
    const info = build([
      memoryInstance('storages/MyS3', goodConfig),
      typeRecord('storages/TenantType', 'storages.MemoryType', Tenant),
      memoryInstance('storages/Tenant1', goodConfig, 'storages.TenantType'),
      { folder: 'queues/Meta', declaration: { title: 'Queue contract' } },
    ]);
    expect(info.get('storages.Meta')).toMatchObject({ kind: 'meta', type: '', status: 'ready', origin: 'builtin' });
    expect(info.get('storages.MemoryType')).toMatchObject({ kind: 'type', type: 'storages.Meta', origin: 'builtin' });
    expect(info.get('storages.MyS3')).toMatchObject({
      kind: 'instance',
      type: 'storages.MemoryType',
      status: 'ready',
      origin: 'app',
      title: 'storages/MyS3',
    });
    expect(info.get('storages.TenantType')).toMatchObject({
      kind: 'type',
      type: 'storages.MemoryType',
      status: 'ready',
    });
    expect(info.get('storages.Tenant1')).toMatchObject({ kind: 'instance', status: 'ready' });
    expect(info.get('queues.Meta')).toMatchObject({ kind: 'meta', status: 'ready' });
  });

  it('names the whole chain of an unknown type, with close matches', () => {
    const info = build([
      typeRecord('storages/Broken', 'storages.MemoryTyp', MemoryStorageType),
      memoryInstance('storages/Uses', goodConfig, 'storages.Broken'),
    ]);
    expect(info.get('storages.Broken')?.error?.message).toBe(
      'storages.Broken: storages/Broken/e.json: unknown type "storages.MemoryTyp" (chain: storages.Broken → storages.MemoryTyp); did you mean "storages.MemoryType"?',
    );
    const uses = info.get('storages.Uses')?.error;
    expect(uses?.code).toBe('INVALID_CONFIG');
    expect(uses?.message).toBe(
      'storages.Uses: storages/Uses/e.json: unknown type "storages.MemoryTyp" (chain: storages.Uses → storages.Broken → storages.MemoryTyp); did you mean "storages.MemoryType"?',
    );
  });

  it('refuses an Instance of a Meta, naming the chain and the Types to use instead', () => {
    const error = build([memoryInstance('storages/MyS3', goodConfig, 'storages.Meta')]).get('storages.MyS3')?.error;
    expect(error?.code).toBe('INVALID_CONFIG');
    expect(error?.field).toBe('type');
    expect(error?.message).toContain('storages.MyS3 names storages.Meta, a Meta, but has no code');
    expect(error?.message).toContain('(chain: storages.MyS3 → storages.Meta)');
    expect(error?.message).toContain('storages.MemoryType');
  });

  it('refuses a type that names an Instance', () => {
    const info = build([
      memoryInstance('storages/A', goodConfig),
      memoryInstance('storages/B', goodConfig, 'storages.A'),
    ]);
    expect(info.get('storages.A')?.status).toBe('ready');
    expect(info.get('storages.B')?.error?.message).toContain(
      'storages.B names storages.A, an Instance; a type must be a Meta or a Type (chain: storages.B → storages.A → storages.MemoryType → storages.Meta)',
    );
  });

  it('names every element of a cycle', () => {
    const info = build([
      typeRecord('x/A', 'x.B', MemoryStorageType),
      typeRecord('x/B', 'x.C', MemoryStorageType),
      typeRecord('x/C', 'x.A', MemoryStorageType),
      memoryInstance('x/I', goodConfig, 'x.A'),
    ]);
    expect(info.get('x.A')?.error?.message).toBe('x.A: x/A/e.json: its type chain has a cycle: x.A → x.B → x.C → x.A');
    expect(info.get('x.B')?.error?.message).toBe('x.B: x/B/e.json: its type chain has a cycle: x.B → x.C → x.A → x.B');
    expect(info.get('x.I')?.error?.message).toBe(
      'x.I: x/I/e.json: its type chain has a cycle: x.I → x.A → x.B → x.C → x.A',
    );
  });

  it('refuses a Type that misses a method of its Meta contract, naming both', () => {
    abstract class Half extends StorageMeta {
      async uploadByFile(): Promise<never> {
        throw new Error('no');
      }
    }
    const error = build([typeRecord('storages/HalfType', 'storages.Meta', Half)]).get('storages.HalfType')?.error;
    expect(error?.message).toBe(
      'storages.HalfType: storages/HalfType/e.json: class Half does not implement download(), getObject(), delete(), getSignUrl(), required by storages.Meta (@mti/core); extend a class that does, or add the methods',
    );
  });

  it('marks both declarations of one fullName, naming both files', () => {
    const info = build([
      memoryInstance('storages/MyS3', goodConfig),
      { ...memoryInstance('storages/MyS3', goodConfig), files: { declaration: 'storages/MyS3/copy/e.json' } },
    ]);
    const error = info.get('storages.MyS3')?.error;
    expect(error?.code).toBe('CONFLICT');
    expect(error?.message).toBe(
      'storages.MyS3 is declared twice: in storages/MyS3/e.json and in storages/MyS3/copy/e.json; remove or rename one',
    );
  });

  it('keeps one broken element from stopping the others', () => {
    const info = build([
      { folder: 'storages/Bad-Name', declaration: { title: 'x', type: 'storages.MemoryType' } },
      memoryInstance('storages/Good', goodConfig),
      { folder: 'storages/NoTitle', declaration: { type: 'storages.MemoryType' } },
    ]);
    expect(info.get('storages.Good')?.status).toBe('ready');
    expect(info.get('storages.Bad-Name')).toMatchObject({ status: 'error', error: { file: 'storages/Bad-Name' } });
    expect(info.get('storages.NoTitle')).toMatchObject({
      status: 'error',
      error: { field: 'title', file: 'storages/NoTitle/e.json' },
    });
  });

  it('fails early when two packages register one fullName', () => {
    expect(() =>
      createApp({
        registrations: [storagesMeta, memoryRegistration, { ...memoryRegistration, source: '@acme/storage' }],
      }),
    ).toThrow('storages.MemoryType is registered twice: by @mti/test-memory and by @acme/storage');
  });
});

describe('business configuration', () => {
  const env = { BUCKET: 'from-env', KEY: 'sk-from-env' };

  it('validates with the schema the Type declares, after ${VAR} interpolation', () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env,
      elements: [memoryInstance('storages/MyS3', { bucketName: '${BUCKET}', apiKey: '${KEY}', latencyMs: 1 })],
    });
    expect(app.listElements().find((e) => e.fullName === 'storages.MyS3')?.status).toBe('ready');
  });

  it.each([
    [{ apiKey: 'k' }, 'bucketName', /"bucketName": Invalid input: expected string, received undefined/],
    [{ bucketName: 'ab', apiKey: 'k' }, 'bucketName', /"bucketName": Too small/],
    [{ bucketName: 'abc', apiKey: 'k', latencyMs: '5' }, 'latencyMs', /"latencyMs": Invalid input: expected number/],
    [{ bucketName: 'abc', apiKey: 'k', extra: 1 }, 'extra', /unknown field "extra"/],
    [{ bucketName: '${NOPE}', apiKey: 'k' }, 'bucketName', /environment variable NOPE is not set/],
    [
      JSON.parse('{"bucketName":"abc","apiKey":"k","__proto__":{"x":1}}'),
      '__proto__',
      /key "__proto__" is not allowed/,
    ],
  ])('reports %j with element, file and field %s', (config, field, message) => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env,
      elements: [memoryInstance('storages/MyS3', config)],
    });
    const error = app.listElements().find((e) => e.fullName === 'storages.MyS3')?.error;
    expect(error).toBeDefined();
    expect(ElementError.is(error)).toBe(true);
    expect(error?.code).toBe('INVALID_CONFIG');
    expect(error?.field).toBe(field);
    expect(error?.file).toBe('storages/MyS3/MyS3.json');
    expect(error?.message).toMatch(/^storages\.MyS3: storages\/MyS3\/MyS3\.json/);
    expect(error?.message).toMatch(message);
  });

  it('says when the business config file is missing', () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      elements: [{ folder: 'storages/MyS3', declaration: { title: 'x', type: 'storages.MemoryType' } }],
    });
    expect(app.listElements().find((e) => e.fullName === 'storages.MyS3')?.error?.message).toContain(
      'storages/MyS3/MyS3.json (the file does not exist)',
    );
  });
});
