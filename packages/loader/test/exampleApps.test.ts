import { join } from 'node:path';
import type { Logger } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { loadApp } from '@mti/loader';
import { s3Env, type RunningS3rver } from './support/s3';

const apps = join(__dirname, '../../../apps');
let server: RunningS3rver;
let env: Record<string, string>;
beforeAll(async () => {
  ({ server, env } = await s3Env('mti-examples'));
});
afterAll(() => server.stop());

function recordingLogger(lines: string[]): Logger {
  const logger = {
    debug: () => {},
    info: (fields: object | string, message?: string) => lines.push(message ?? String(fields)),
    warn: () => {},
    error: () => {},
    child: () => logger,
  } as unknown as Logger;
  return logger;
}

describe('apps/demo', () => {
  it('is the seed folder: storages.MyS3 ready and working', async () => {
    const app = await loadApp(join(apps, 'demo'), { env });
    expect(app.listElements().map((e) => `${e.fullName}:${e.status}`)).toEqual([
      'storages.Meta:ready',
      'storages.AwsS3Type:ready',
      'storages.MinioType:ready',
      'storages.CloudflareR2Type:ready',
      'storages.DiskType:ready',
      'storages.MyS3:ready',
    ]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    expect((await s3.uploadByFile('folder/example.txt', Buffer.from('x'), 'text/plain')).bucket).toBe('mti-examples');
    await app.close();
  });
});

describe('apps/custom-type', () => {
  it('overrides the official Type with a tenant prefix and audit lines, and adds a write-once Type', async () => {
    const lines: string[] = [];
    const app = await loadApp(join(apps, 'custom-type'), {
      env: { ...env, TENANT: 'globex' },
      logger: recordingLogger(lines),
    });
    const info = new Map(app.listElements().map((e) => [e.fullName, e]));
    expect(info.get('storages.AwsS3Type')).toMatchObject({
      origin: 'app',
      overrides: '@mti/type-aws-s3',
      status: 'ready',
    });
    expect(info.get('storages.WriteOnceS3Type')).toMatchObject({ kind: 'type', status: 'ready' });

    const reports = app.getElement<AwsS3Type>('storages.Reports');
    const result = await reports.uploadByFile('q4.csv', 'a,b', 'text/csv');
    expect(result.key).toBe('q4.csv');
    expect(result.url).toMatch(/\/mti-examples\/globex\/q4\.csv$/);
    expect((await reports.download('q4.csv')).toString()).toBe('a,b');
    expect(lines.filter((l) => l.startsWith('audit'))).toEqual([
      'audit storages.Reports uploadByFile q4.csv',
      'audit storages.Reports download q4.csv',
    ]);

    const archive = app.getElement<AwsS3Type>('storages.Archive');
    await archive.uploadByFile('q4.csv', 'frozen');
    await expect(archive.uploadByFile('q4.csv', 'again')).rejects.toMatchObject({
      code: 'CONFLICT',
      operation: 'uploadByFile',
    });
    await expect(archive.delete('q4.csv')).rejects.toMatchObject({ code: 'CONFLICT', operation: 'delete' });
    expect((await archive.download('q4.csv')).toString()).toBe('frozen');
    await app.close();
  });
});
