import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `.ci/run` scans everything the suite printed for secret values; this shows the scan can fail.
const script = join(__dirname, '../../../.ci/scan-secrets.sh');

describe('.ci/scan-secrets.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mti-scan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scan = (text: string, ...secrets: string[]) => {
    const log = join(dir, `log-${Math.random()}`);
    writeFileSync(log, text);
    return spawnSync('bash', [script, log, ...secrets], { encoding: 'utf8' });
  };

  it('passes a clean log', () => {
    const result = scan('PASS core\nreload storages.MyS3 ready\n', 'mtiCanary0123');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/lines scanned, 0 found/);
  });

  it('fails on a secret passed to it, without printing the value', () => {
    const result = scan('line one\nerror: key mtiCanary0123 was refused\n', 'mtiCanary0123');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('secret scan: FAILED');
    expect(result.stderr).not.toContain('mtiCanary0123');
  });

  it('fails on a marker the tests use as a secret value', () => {
    expect(scan('leak: sk-live-SECRET-0001\n').status).toBe(1);
  });

  const canary = "mtiCanary0123/+=!'()*";
  const encoded: Array<[string, string]> = [
    ['URL-encoded', `?X-Amz-Security-Token=${encodeURIComponent(canary)}`],
    ['URL-encoded as SigV4 does', '?t=mtiCanary0123%2F%2B%3D%21%27%28%29%2A'],
    ...[0, 1, 2].map((lead): [string, string] => [
      `in base64, ${lead} bytes off alignment`,
      Buffer.from(`${'x'.repeat(lead)}token:${canary};`).toString('base64'),
    ]),
    ['in url-safe base64', Buffer.from(`token:${canary};`).toString('base64url')],
    ['in hex', Buffer.from(canary).toString('hex')],
    ['in uppercase hex', Buffer.from(canary).toString('hex').toUpperCase()],
    [
      'in hex bytes, as S3 prints them',
      Buffer.from(`token:${canary}`)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1 '),
    ],
  ];

  it.each(encoded)('fails on a secret %s, printing only the line number', (_form, leak) => {
    const result = scan(`line one\nerror: ${leak}\n`, canary);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('lines: 2');
    expect(result.stderr).not.toContain(leak);
    expect(result.stderr + result.stdout).not.toContain('mtiCanary');
  });
});
