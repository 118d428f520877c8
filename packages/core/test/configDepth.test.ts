import { createApp, createDebugLogger, ElementError, interpolateEnv, storagesMeta } from '@mti/core';
import { memoryRegistration } from './fixtures/MemoryStorageType';
import { goodConfig, memoryInstance } from './fixtures/records';

const where = { element: 'storages.Deep', file: 'storages/Deep/Deep.json' };

/** `{ a: { a: … } }` (or `[[…]]`), `levels` deep, built without recursion. */
function nested(levels: number, kind: 'object' | 'array'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

describe('config depth', () => {
  it.each(['object', 'array'] as const)(
    'a config of %ss nested 100 000 deep is INVALID_CONFIG naming the file and the limit',
    (kind) => {
      let thrown: unknown;
      try {
        interpolateEnv({ deep: nested(100_000, kind) }, {}, where);
      } catch (error) {
        thrown = error;
      }
      expect(ElementError.is(thrown)).toBe(true);
      expect(thrown).toMatchObject({ code: 'INVALID_CONFIG', element: 'storages.Deep', file: where.file });
      expect((thrown as Error).message).toBe('storages.Deep: storages/Deep/Deep.json: nested deeper than 64 levels');
    },
  );

  it('64 levels pass', () => {
    expect(() => interpolateEnv(nested(64, 'object'), {}, where)).not.toThrow();
    expect(() => interpolateEnv(nested(65, 'object'), {}, where)).toThrow('nested deeper than 64 levels');
  });

  it('an app given such a record reports it on that element, and the others load', async () => {
    const app = createApp({
      name: 'deep',
      registrations: [storagesMeta, memoryRegistration],
      env: {},
      logger: createDebugLogger('mti:test'),
      elements: [
        memoryInstance('storages/Deep', { ...goodConfig, deep: nested(100_000, 'object') }),
        memoryInstance('storages/Fine', goodConfig),
      ],
    });
    const byName = new Map(app.listElements().map((e) => [e.fullName, e]));
    expect(byName.get('storages.Fine')?.status).toBe('ready');
    expect(byName.get('storages.Deep')?.error).toMatchObject({
      code: 'INVALID_CONFIG',
      file: 'storages/Deep/Deep.json',
      message: 'storages.Deep: storages/Deep/Deep.json: nested deeper than 64 levels',
    });
    await app.close();
  });
});
