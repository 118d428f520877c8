import { join } from 'node:path';
import { format } from 'node:util';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { buildApp, s3Record } from './support/buildApp';
import { startS3rver, type RunningS3rver } from './support/startS3rver';
import type { TierServer } from './support/tiers';

// The `debug` module core writes with (the test maps @mti/core to its source, so this is the copy it uses).
type DebugModule = { enable(namespaces: string): void; disable(): string; log: (...args: unknown[]) => void };
const debugModule = require(require.resolve('debug', { paths: [join(__dirname, '../../core')] })) as DebugModule;

// s3rver does not check signatures: any secret is accepted, so the test can pick one to look for.
const secret = 'never-in-a-debug-line-7f3a';

describe('mti:s3 debug lines', () => {
  let s3rver: RunningS3rver;
  let server: TierServer;
  const lines: string[] = [];
  let restoreLog: DebugModule['log'];
  let previous: string;

  beforeAll(async () => {
    s3rver = await startS3rver(['mti-debug']);
    server = {
      endpoint: s3rver.endpoint,
      accessKeyId: 'S3RVER',
      accessKeySecret: secret,
      bucketName: 'mti-debug',
      region: 'us-east-1',
      verifiesSignatures: false,
      stop: () => s3rver.stop(),
    };
    restoreLog = debugModule.log;
    debugModule.log = (...args: unknown[]) => lines.push(format(...args));
    previous = debugModule.disable();
    debugModule.enable('mti:s3');
  });
  afterAll(async () => {
    debugModule.log = restoreLog;
    debugModule.disable();
    if (previous !== '') debugModule.enable(previous);
    await server.stop();
  });

  it('writes one line per operation: element, operation, key, status, ms; never a secret', async () => {
    const app = buildApp([s3Record(server, { sessionToken: 'session-token-also-secret' })]);
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    lines.length = 0;
    await s3.uploadByFile('logs/a.txt', 'hello', 'text/plain');
    await s3.download('logs/missing.txt').catch(() => undefined);
    await app.close();

    const s3Lines = lines.filter((line) => line.includes('mti:s3'));
    expect(s3Lines).toHaveLength(2);
    expect(s3Lines[0]).toMatch(/mti:s3 storages\.MyS3 uploadByFile key="logs\/a\.txt" status=ok ms=\d+\.\d$/);
    expect(s3Lines[1]).toMatch(/mti:s3 storages\.MyS3 download key="logs\/missing\.txt" status=NOT_FOUND ms=\d+\.\d$/);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain('session-token-also-secret');
    }
  });

  it('writes nothing when mti:s3 is off', async () => {
    debugModule.disable();
    try {
      const app = buildApp([s3Record(server)]);
      lines.length = 0;
      await app.getElement<AwsS3Type>('storages.MyS3').uploadByFile('logs/b.txt', 'quiet');
      await app.close();
      expect(lines).toEqual([]);
    } finally {
      debugModule.enable('mti:s3');
    }
  });
});
