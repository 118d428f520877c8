import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';
import { runCli } from './support/runCli';

// `mti call <app> <element> download <key> --out <file>` goes through the element's
// downloadToFile: parallel ranged GETs into a temp file beside <file>, renamed onto it whole,
// resumable by running the same command again.

const MiB = 1024 * 1024;
let folder: TempApp;

beforeEach(() => {
  folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ bucketName: '${S3_BUCKET:-mti-cli}' }),
  });
});
afterEach(() => folder.cleanup());

async function upload(key: string, data: Buffer): Promise<{ etag: string }> {
  const source = join(folder.dir, 'input.bin');
  writeFileSync(source, data);
  const up = await runCli([
    'call',
    folder.dir,
    'storages.MyS3',
    'uploadByFile',
    key,
    '--file',
    source,
    '--embedded-s3',
    '--json',
  ]);
  expect(up.code).toBe(0);
  return JSON.parse(up.stdout) as { etag: string };
}

describe('mti call … download --out', () => {
  it('writes the object in parts into the file, and nothing beside it', async () => {
    const data = randomBytes(20 * MiB + 3);
    await upload('big.bin', data);
    const out = join(folder.dir, 'downloads');
    folder.write('downloads/.keep', '');
    const result = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'download',
      'big.bin',
      '--out',
      join(out, 'big.bin'),
      '--embedded-s3',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ out: join(out, 'big.bin'), size: data.length });
    expect(readFileSync(join(out, 'big.bin')).equals(data)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['.keep', 'big.bin']);
  });

  it('continues what an interrupted run left beside the file, when the object is unchanged', async () => {
    const data = randomBytes(17 * MiB);
    const { etag } = await upload('resumed.bin', data);
    const target = join(folder.dir, 'downloads/resumed.bin');
    // As a run killed after its first 8 MiB part would have left it: the part in the temp file,
    // the journal naming it.
    folder.write('downloads/.keep', '');
    writeFileSync(join(folder.dir, 'downloads/resumed.bin.mti-part'), data.subarray(0, 8 * MiB));
    folder.write(
      'downloads/resumed.bin.mti-part.journal',
      `${JSON.stringify({ v: 1, bucket: 'mti-cli', key: 'resumed.bin', etag, size: data.length, partSize: 8 * MiB })}\n0\n`,
    );
    const result = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'download',
      'resumed.bin',
      '--out',
      target,
      '--embedded-s3',
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`wrote ${data.length} bytes to ${target}\n`);
    expect(readFileSync(target).equals(data)).toBe(true);
    expect(readdirSync(join(folder.dir, 'downloads')).sort()).toEqual(['.keep', 'resumed.bin']);
  });

  it('a missing object: one clear line, exit 1, nothing written', async () => {
    folder.write('downloads/.keep', '');
    const result = await runCli([
      'call',
      folder.dir,
      'storages.MyS3',
      'download',
      'nope.bin',
      '--out',
      join(folder.dir, 'downloads/nope.bin'),
      '--embedded-s3',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'mti: NOT_FOUND storages.MyS3 downloadToFile "nope.bin": no such object in bucket "mti-cli"\n',
    );
    expect(readdirSync(join(folder.dir, 'downloads'))).toEqual(['.keep']);
  });
});
