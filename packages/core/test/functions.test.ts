import { createApp, functionsOf, StorageMeta, type ElementFunctions, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

describe('element functions', () => {
  it('are the seed functions of storages.Meta, with their parameters', () => {
    expect(functionsOf(StorageMeta).get('uploadByFile')).toEqual({
      name: 'uploadByFile',
      params: ['name', 'data', 'contentType', 'options'],
      min: 2,
      max: 4,
    });
    expect(functionsOf(StorageMeta).get('getSignUrl')).toEqual({
      name: 'getSignUrl',
      params: ['file', 'contentType', 'expires'],
      min: 2,
      max: 3,
    });
    expect([...functionsOf(StorageMeta).keys()].sort()).toEqual([
      'delete',
      'download',
      'getObject',
      'getSignUrl',
      'uploadByFile',
    ]);
  });

  it('add up along the class chain; a subclass can redeclare one', () => {
    class Audited extends MemoryStorageType {
      static override readonly functions: ElementFunctions = {
        auditLog: { params: [] },
        download: { params: ['name', 'range?'] },
      };
    }
    const functions = functionsOf(Audited);
    expect(functions.get('auditLog')).toMatchObject({ min: 0, max: 0 });
    expect(functions.get('download')).toMatchObject({ params: ['name', 'range'], min: 1, max: 2 });
    expect(functions.has('uploadByFile')).toBe(true);
    // Helpers of the base classes are never listed.
    for (const helper of ['checkKey', 'run', 'toStorageError', 'describeError', 'dispose', 'self', 'leakyFailure'])
      expect(functions.has(helper)).toBe(false);
  });

  it('are looked up per Instance through the app', () => {
    const app = createApp({
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      elements: [memoryInstance('storages/MyS3', goodConfig)],
    });
    expect([...app.functionsOf('storages.MyS3').keys()]).toContain('download');
    expect(() => app.functionsOf('storages.Nope')).toThrow('no element "storages.Nope"');
    expect(() => app.functionsOf('storages.MemoryType')).toThrow('is a Type');
  });
});
