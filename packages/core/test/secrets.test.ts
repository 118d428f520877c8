import { inspect } from 'node:util';
import createDebug from 'debug';
import { createApp, createDebugLogger, StorageError, type Logger, storagesMeta } from '@mti/core';
import { MemoryStorageType, memoryRegistration } from './fixtures/MemoryStorageType';
import { memoryInstance } from './fixtures/records';

const SECRET = 'sk-live-SECRET-0001';
const TOKEN = 'tok-SESSION-SECRET-0002';

function recordingLogger(lines: string[]): Logger {
  const make = (bindings: object): Logger => {
    const write = (level: string) => (first: object | string, message?: string) =>
      lines.push(
        JSON.stringify({
          level,
          ...bindings,
          ...(typeof first === 'string' ? { message: first } : { ...first, message }),
        }),
      );
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (more) => make({ ...bindings, ...more }),
    } as Logger;
  };
  return make({});
}

describe('secret fields', () => {
  const lines: string[] = [];
  const app = createApp({
    registrations: [storagesMeta, memoryRegistration],
    env: { SECRET, TOKEN },
    logger: recordingLogger(lines),
    elements: [
      memoryInstance('storages/MyS3', { bucketName: 'reports', apiKey: '${SECRET}', token: '${TOKEN}' }),
      memoryInstance('storages/Broken', { bucketName: 'no', apiKey: '${SECRET}', token: 7 }),
    ],
  });
  const s3 = app.getElement<MemoryStorageType>('storages.MyS3');
  afterAll(() => app.close());

  const leaks = (text: string): boolean => text.includes(SECRET) || text.includes(TOKEN);

  it('stay readable to the Type that needs them', async () => {
    const instance = await s3.self();
    expect(instance.config.apiKey).toBe(SECRET);
    expect(instance.config.token).toBe(TOKEN);
  });

  it('never show in JSON.stringify or util.inspect of what the runtime hands out', async () => {
    const instance = await s3.self();
    const objects: unknown[] = [s3, instance, instance.config, app, app.listElements(), s3.config];
    for (const value of objects) {
      const json = JSON.stringify(value);
      const shown = inspect(value, { depth: 10, showHidden: false });
      expect(leaks(json)).toBe(false);
      expect(leaks(shown)).toBe(false);
    }
    expect(JSON.stringify(instance.config)).toBe(
      '{"bucketName":"reports","apiKey":"REDACTED","token":"REDACTED","latencyMs":0}',
    );
    expect(inspect(instance)).toContain("apiKey: 'REDACTED'");
  });

  it('never show in errors, their causes or their inspect output', async () => {
    const error = await s3.leakyFailure().catch((e: unknown) => e);
    expect(StorageError.is(error)).toBe(true);
    const storageError = error as StorageError;
    expect(storageError.message).toBe(
      'storages.MyS3 (storages.MemoryType): leakyFailure failed: UNKNOWN: denied for key REDACTED and token REDACTED',
    );
    expect(leaks(inspect(storageError, { depth: 10 }))).toBe(false);
    expect(leaks(String((storageError.cause as Error).stack))).toBe(false);
    expect(leaks(JSON.stringify(storageError))).toBe(false);
  });

  it('never show in log lines or config errors', () => {
    const broken = app.listElements().find((e) => e.fullName === 'storages.Broken');
    expect(broken?.status).toBe('error');
    expect(lines.some((line) => line.includes('storages.Broken'))).toBe(true);
    expect(lines.filter(leaks)).toEqual([]);
    expect(leaks(inspect(broken, { depth: 10 }))).toBe(false);
  });

  it('never show in the default debug logger', () => {
    const written: string[] = [];
    const originalLog = createDebug.log;
    createDebug.enable('mti:*');
    createDebug.log = (...args: unknown[]) => written.push(args.join(' '));
    try {
      const quiet = createApp({
        name: 'secrets',
        registrations: [storagesMeta, memoryRegistration],
        env: { SECRET },
        logger: createDebugLogger('mti:secrets'),
        elements: [memoryInstance('storages/X', { bucketName: 'no', apiKey: '${SECRET}' })],
      });
      createDebugLogger('mti:secrets').info({ config: quiet.listElements()[0] as object }, 'listed');
      void quiet.close();
    } finally {
      createDebug.log = originalLog;
      createDebug.disable();
    }
    expect(written.length).toBeGreaterThan(0);
    expect(written.some((line) => line.includes('storages.X'))).toBe(true);
    expect(written.filter(leaks)).toEqual([]);
  });
});
