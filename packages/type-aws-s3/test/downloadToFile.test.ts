import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import type { DownloadProgress } from '@mti/core';
import type { AwsS3Type } from '@mti/type-aws-s3';
import { PartJournal } from '../src/download/PartJournal';
import { buildApp, s3Record } from './support/buildApp';
import { corruptAtRest } from './support/corruptAtRest';
import { failure } from './support/failure';
import { type RecordingProxy, type RecordingProxyOptions, startRecordingProxy } from './support/recordingProxy';
import { s3rverElement } from './support/s3rverElement';
import { startS3rver } from './support/startS3rver';
import { runPrefix, tiers, type TierServer } from './support/tiers';

const MiB = 1024 * 1024;
const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');
const child = join(__dirname, 'support/downloadChild.js');

/** `bytes=a-b` of each part of an object of `size` cut in parts of `partSize`, from part `from` on. */
function partRanges(size: number, partSize: number, from = 0): string[] {
  const ranges: string[] = [];
  for (let start = from * partSize; start < size; start += partSize) {
    ranges.push(`bytes=${start}-${Math.min(size, start + partSize) - 1}`);
  }
  return ranges;
}

describe.each(tiers)('downloadToFile on $name', (tier) => {
  let server: TierServer;
  let dir: string;
  const run = runPrefix();
  let folders = 0;

  beforeAll(async () => {
    server = await tier.start();
    dir = mkdtempSync(join(tmpdir(), 'mti-download-'));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A folder of its own per test, so what a download leaves beside its file can be listed. */
  function folder(): string {
    const path = join(dir, `t${++folders}`);
    mkdirSync(path);
    return path;
  }

  /** The element on the tier's server, or through a proxy in front of it. */
  function element(proxy?: RecordingProxy, overrides: Record<string, unknown> = {}) {
    const endpoint = proxy?.endpoint ?? server.endpoint;
    const app = buildApp([s3Record({ ...server, endpoint }, { prefix: run, ...overrides })]);
    return { app, s3: app.getElement<AwsS3Type>('storages.MyS3') };
  }

  const proxied = (options: RecordingProxyOptions = {}): Promise<RecordingProxy> =>
    startRecordingProxy(Number(new URL(server.endpoint).port), options);

  /** `work` on the element behind a proxy started with `options`; both are closed after it, pass or fail. */
  async function throughProxy(
    options: RecordingProxyOptions,
    overrides: Record<string, unknown>,
    work: (s3: AwsS3Type, proxy: RecordingProxy) => Promise<void>,
  ): Promise<void> {
    const proxy = await proxied(options);
    const { app, s3 } = element(proxy, overrides);
    try {
      await work(s3, proxy);
    } finally {
      await app.close();
      await proxy.stop();
    }
  }

  async function put(key: string, data: Buffer, overrides: Record<string, unknown> = {}): Promise<string> {
    const { app, s3 } = element(undefined, overrides);
    try {
      return (await s3.uploadByFile(key, data)).etag;
    } finally {
      await app.close();
    }
  }

  it('writes the object byte for byte: under one part, exactly N parts, N parts + 1 byte, empty, uploaded in parts', async () => {
    const cases: Array<[string, Buffer, number | undefined]> = [
      ['small.bin', randomBytes(1000), 1],
      ['three.bin', randomBytes(3 * MiB), 1],
      ['three-and-one.bin', randomBytes(3 * MiB + 1), 1],
      ['empty.bin', Buffer.alloc(0), 1],
      // A multipart upload (parts of 5 MiB): its ETag ends in "-2" on RGW, so only the length is checked.
      ['uploaded-in-parts.bin', randomBytes(10 * MiB + 7), undefined],
    ];
    const out = folder();
    const { app, s3 } = element();
    try {
      for (const [key, data, partSizeMiB] of cases) {
        const etag = await put(key, data, { multipart: { partSizeMiB: 5, queueSize: 2 } });
        const path = join(out, key);
        const progress: DownloadProgress[] = [];
        const result = await s3.downloadToFile(key, path, {
          ...(partSizeMiB === undefined ? {} : { partSizeMiB }),
          onProgress: (p) => progress.push(p),
        });
        expect(result).toEqual({ path, size: data.length, etag });
        expect(readFileSync(path).equals(data)).toBe(true);
        expect(progress.at(-1)).toEqual({ loaded: data.length, total: data.length });
        for (let i = 1; i < progress.length; i++) {
          expect((progress[i] as DownloadProgress).loaded).toBeGreaterThanOrEqual(
            (progress[i - 1] as DownloadProgress).loaded,
          );
        }
      }
      // Nothing beside the files: no temp file, no journal.
      expect(readdirSync(out).sort()).toEqual(cases.map(([key]) => key).sort());
    } finally {
      await app.close();
    }
  });

  it('replaces an existing file at path only once the new one is whole', async () => {
    const out = folder();
    const path = join(out, 'file.bin');
    const data = randomBytes(2 * MiB + 5);
    await put('replace/file.bin', data);
    const { app, s3 } = element();
    try {
      await s3.downloadToFile('replace/file.bin', path, { partSizeMiB: 1 });
      expect(readFileSync(path).equals(data)).toBe(true);
      const newer = randomBytes(MiB);
      await put('replace/file.bin', newer);
      await s3.downloadToFile('replace/file.bin', path, { partSizeMiB: 1 });
      expect(readFileSync(path).equals(newer)).toBe(true);
      expect(readdirSync(out)).toEqual(['file.bin']);
    } finally {
      await app.close();
    }
  });

  it('keeps to its concurrency: that many ranged GETs in flight at once, never more', async () => {
    const data = randomBytes(10 * MiB);
    await put('parallel.bin', data);
    // Held back as they come: the download can only proceed once the test lets it, so seeing
    // three at once proves three were in flight, with no timing involved.
    const path = join(folder(), 'parallel.bin');
    await throughProxy({ holdRangedFrom: 1 }, {}, async (s3, proxy) => {
      const download = s3.downloadToFile('parallel.bin', path, { concurrency: 3, partSizeMiB: 1 });
      await proxy.until(() => proxy.held >= 3);
      proxy.release();
      await download;
      expect(readFileSync(path).equals(data)).toBe(true);
      expect(proxy.ranges().sort()).toEqual(partRanges(data.length, MiB).sort());
      // Each of the three works on a kept-alive connection of its own, one request at a time.
      expect(proxy.peakRangedConnections).toBe(3);
    });
  });

  it('an object replaced during the download: CONFLICT naming the key, nothing at path or beside it', async () => {
    const key = 'replaced.bin';
    await put(key, randomBytes(4 * MiB));
    // The first part passes; the second is held until the object has been replaced.
    const out = folder();
    const path = join(out, key);
    await throughProxy({ holdRangedFrom: 2 }, {}, async (s3, proxy) => {
      const download = failure(s3.downloadToFile(key, path, { concurrency: 1, partSizeMiB: 1, resume: true }));
      await proxy.until(() => proxy.held >= 1);
      await put(key, randomBytes(4 * MiB));
      proxy.release();
      const error = await download;
      expect(error).toMatchObject({ code: 'CONFLICT', operation: 'downloadToFile', key, element: 'storages.MyS3' });
      expect(error.detail).toMatch(/the object changed during the download/);
      // Not even the resumable download's temp file: its bytes are of a version that is gone.
      expect(readdirSync(out)).toEqual([]);
    });
  });

  it('a download killed mid-way (SIGKILL) resumes byte for byte, fetching only the missing parts', async () => {
    const key = 'killed.bin';
    const data = randomBytes(6 * MiB + 1);
    await put(key, data);
    const out = folder();
    const path = join(out, key);
    // The child fetches two parts; its third request is held, and the child is killed there.
    const holding = await proxied({ holdRangedFrom: 3 });
    const record = s3Record({ ...server, endpoint: holding.endpoint }, { prefix: run });
    const { NODE_OPTIONS: _options, DEBUG: _debug, ...env } = process.env;
    const downloader = fork(
      child,
      [JSON.stringify(record), key, path, JSON.stringify({ concurrency: 1, partSizeMiB: 1, resume: true })],
      { env, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const exited = new Promise((resolve) => downloader.on('exit', resolve));
    try {
      await holding.until(() => holding.held >= 1);
      // Parts are recorded once flushed: wait until the journal names both.
      for (;;) {
        const journal = await PartJournal.read(`${path}.mti-part.journal`);
        if (journal !== undefined && journal.parts.size === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      downloader.kill('SIGKILL');
      await exited;
    } finally {
      downloader.kill('SIGKILL');
      await holding.stop();
    }
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(out).sort()).toEqual([
      'killed.bin.mti-part',
      'killed.bin.mti-part.journal',
      'killed.bin.mti-part.lock',
    ]);

    await throughProxy({}, {}, async (s3, proxy) => {
      // Another part size asked for: the journal's, 1 MiB, is kept, since the parts were cut by it.
      const progress: DownloadProgress[] = [];
      const result = await s3.downloadToFile(key, path, {
        concurrency: 2,
        partSizeMiB: 4,
        resume: true,
        onProgress: (p) => progress.push(p),
      });
      expect(result.size).toBe(data.length);
      // The first report counts the two parts found on disk.
      expect(progress[0]).toEqual({ loaded: 2 * MiB, total: data.length });
      expect(readFileSync(path).equals(data)).toBe(true);
      expect(proxy.ranges().sort()).toEqual(partRanges(data.length, MiB, 2).sort());
      // The killed process's lock was stale and taken over; all three files are gone.
      expect(readdirSync(out)).toEqual([key]);
    });
  });

  it('a connection dropped mid-part: UNAVAILABLE, parts kept; resume fetches the rest', async () => {
    const key = 'dropped.bin';
    const data = randomBytes(5 * MiB + 3);
    await put(key, data);
    const out = folder();
    const path = join(out, key);
    await throughProxy({ cutRanged: { nth: 3, afterBytes: 300_000 } }, { maxAttempts: 1 }, async (s3) => {
      const error = await failure(s3.downloadToFile(key, path, { concurrency: 1, partSizeMiB: 1, resume: true }));
      expect(error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadToFile', key });
    });
    expect(existsSync(path)).toBe(false);
    expect((await PartJournal.read(`${path}.mti-part.journal`))?.parts).toEqual(new Set([0, 1]));

    await throughProxy({}, {}, async (s3, proxy) => {
      await s3.downloadToFile(key, path, { concurrency: 2, partSizeMiB: 1, resume: true });
      expect(readFileSync(path).equals(data)).toBe(true);
      expect(proxy.ranges().sort()).toEqual(partRanges(data.length, MiB, 2).sort());
      expect(readdirSync(out)).toEqual([key]);
    });
  });

  it('a part whose connection drops is fetched again, up to maxAttempts, without resume', async () => {
    const key = 'retried.bin';
    const data = randomBytes(3 * MiB);
    await put(key, data);
    const out = folder();
    await throughProxy({ cutRanged: { nth: 2, afterBytes: 200_000 } }, { maxAttempts: 2 }, async (s3, proxy) => {
      await s3.downloadToFile(key, join(out, key), { concurrency: 1, partSizeMiB: 1 });
      expect(readFileSync(join(out, key)).equals(data)).toBe(true);
      const ranges = partRanges(data.length, MiB);
      expect(proxy.ranges()).toEqual([ranges[0], ranges[1], ranges[1], ranges[2]]);
      expect(readdirSync(out)).toEqual([key]);
    });
  });

  it('a server that stops answering: TIMEOUT after timeoutMs, and nothing at path', async () => {
    const key = 'stalled.bin';
    await put(key, randomBytes(2 * MiB));
    const out = folder();
    // The ranged requests are never let through: no byte of an answer comes.
    await throughProxy({ holdRangedFrom: 1 }, { timeoutMs: 500, maxAttempts: 1 }, async (s3) => {
      const error = await failure(s3.downloadToFile(key, join(out, key), { partSizeMiB: 1 }));
      expect(error).toMatchObject({ code: 'TIMEOUT', operation: 'downloadToFile', key });
      expect(readdirSync(out)).toEqual([]);
    });
  });

  it('without resume, a failed download leaves nothing behind', async () => {
    const key = 'gone.bin';
    await put(key, randomBytes(3 * MiB));
    const out = folder();
    await throughProxy({ cutRanged: { nth: 2, afterBytes: 200_000 } }, { maxAttempts: 1 }, async (s3) => {
      const error = await failure(s3.downloadToFile(key, join(out, key), { concurrency: 2, partSizeMiB: 1 }));
      expect(error.code).toBe('UNAVAILABLE');
      expect(readdirSync(out)).toEqual([]);
    });
  });

  it('resume starts over when the object changed since the parts were fetched', async () => {
    const key = 'changed.bin';
    await put(key, randomBytes(3 * MiB));
    const out = folder();
    const path = join(out, key);
    await throughProxy({ cutRanged: { nth: 2, afterBytes: 200_000 } }, { maxAttempts: 1 }, async (s3) => {
      await failure(s3.downloadToFile(key, path, { concurrency: 1, partSizeMiB: 1, resume: true }));
    });
    const newer = randomBytes(2 * MiB + 9);
    const etag = await put(key, newer);
    await throughProxy({}, {}, async (s3, proxy) => {
      expect(await s3.downloadToFile(key, path, { partSizeMiB: 1, resume: true })).toEqual({
        path,
        size: newer.length,
        etag,
      });
      expect(readFileSync(path).equals(newer)).toBe(true);
      expect(proxy.ranges().sort()).toEqual(partRanges(newer.length, MiB).sort());
      expect(readdirSync(out)).toEqual([key]);
    });
  });

  it('a missing object is NOT_FOUND, and nothing is written', async () => {
    const out = folder();
    const { app, s3 } = element();
    try {
      const error = await failure(s3.downloadToFile('nope.bin', join(out, 'nope.bin'), { resume: true }));
      expect(error).toMatchObject({ code: 'NOT_FOUND', operation: 'downloadToFile', key: 'nope.bin' });
      expect(readdirSync(out)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('refuses bad arguments before any request, naming the field', async () => {
    await put('args.bin', randomBytes(10));
    const out = folder();
    const path = join(out, 'args.bin');
    await throughProxy({}, {}, async (s3, proxy) => {
      const refused: Array<[string, () => Promise<unknown>]> = [
        ['options.concurrency', () => s3.downloadToFile('args.bin', path, { concurrency: 0 })],
        ['options.concurrency', () => s3.downloadToFile('args.bin', path, { concurrency: 65 })],
        ['options.concurrency', () => s3.downloadToFile('args.bin', path, { concurrency: 1.5 })],
        ['options.partSizeMiB', () => s3.downloadToFile('args.bin', path, { partSizeMiB: 0 })],
        ['options.partSizeMiB', () => s3.downloadToFile('args.bin', path, { partSizeMiB: '8' as unknown as number })],
        ['options.resume', () => s3.downloadToFile('args.bin', path, { resume: 'yes' as unknown as boolean })],
        ['options.onProgress', () => s3.downloadToFile('args.bin', path, { onProgress: 5 as unknown as () => void })],
        ['options', () => s3.downloadToFile('args.bin', path, null as unknown as object)],
        ['path', () => s3.downloadToFile('args.bin', '')],
        ['path', () => s3.downloadToFile('args.bin', join(out, 'no-such-folder', 'args.bin'))],
        ['path', () => s3.downloadToFile('args.bin', out)],
        ['name', () => s3.downloadToFile('', path)],
      ];
      for (const [field, call] of refused) {
        const error = await failure(call());
        expect({ code: error.code, field: error.field }).toEqual({ code: 'INVALID_ARGUMENT', field });
      }
      expect(proxy.requests).toEqual([]);
      expect(readdirSync(out)).toEqual([]);
    });
  });

  it('a second resumable download into the same path while one runs: CONFLICT on path', async () => {
    const key = 'twice.bin';
    await put(key, randomBytes(2 * MiB));
    const out = folder();
    const path = join(out, key);
    await throughProxy({ holdRangedFrom: 1 }, {}, async (s3, proxy) => {
      const first = s3.downloadToFile(key, path, { partSizeMiB: 1, resume: true });
      await proxy.until(() => proxy.held >= 1);
      const error = await failure(s3.downloadToFile(key, path, { partSizeMiB: 1, resume: true }));
      expect(error).toMatchObject({ code: 'CONFLICT', field: 'path', key });
      expect(error.detail).toMatch(/another download into this path is under way/);
      proxy.release();
      await first;
      expect(readdirSync(out)).toEqual([key]);
    });
  });
});

describe('an object corrupted at rest on s3rver', () => {
  // A byte changed in s3rver's copy of the object: bit rot under an ETag that still names the
  // original (corruptAtRest).
  it('fails with UNAVAILABLE naming the MD5, and leaves nothing, not even for resume', async () => {
    const s3rver = await startS3rver(['mti-rot']);
    const dir = mkdtempSync(join(tmpdir(), 'mti-download-rot-'));
    const { app, s3 } = s3rverElement(s3rver, 'mti-rot');
    try {
      const data = randomBytes(3 * MiB);
      await s3.uploadByFile('rot.bin', data);
      corruptAtRest(s3rver, 'mti-rot', 'rot.bin', 2 * MiB + 5);
      const error = await failure(s3.downloadToFile('rot.bin', join(dir, 'rot.bin'), { partSizeMiB: 1, resume: true }));
      expect(error).toMatchObject({ code: 'UNAVAILABLE', operation: 'downloadToFile', key: 'rot.bin' });
      expect(error.detail).toContain(`its ETag says ${md5(data)}`);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await app.close();
      await s3rver.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the mti:s3 debug line of downloadToFile', () => {
  // The `debug` module core writes with (see debugLines.test.ts).
  type DebugModule = { enable(namespaces: string): void; disable(): string; log: (...args: unknown[]) => void };
  const debugModule = require(require.resolve('debug', { paths: [join(__dirname, '../../core')] })) as DebugModule;

  it('is one line with the operation, key, status and time, as for every operation', async () => {
    const s3rver = await startS3rver(['mti-trace']);
    const dir = mkdtempSync(join(tmpdir(), 'mti-download-trace-'));
    const lines: string[] = [];
    const restoreLog = debugModule.log;
    const previous = debugModule.disable();
    debugModule.log = (...args: unknown[]) => lines.push(format(...args));
    debugModule.enable('mti:s3');
    const { app, s3 } = s3rverElement(s3rver, 'mti-trace');
    try {
      await s3.uploadByFile('traced.bin', randomBytes(3 * MiB));
      lines.length = 0;
      await s3.downloadToFile('traced.bin', join(dir, 'traced.bin'), { partSizeMiB: 1 });
      await s3.downloadToFile('missing.bin', join(dir, 'missing.bin')).catch(() => undefined);
      const traced = lines.filter((line) => line.includes('mti:s3'));
      expect(traced).toHaveLength(2);
      expect(traced[0]).toMatch(/storages\.MyS3 downloadToFile key="traced\.bin" status=ok ms=\d+\.\d$/);
      expect(traced[1]).toMatch(/storages\.MyS3 downloadToFile key="missing\.bin" status=NOT_FOUND ms=\d+\.\d$/);
    } finally {
      debugModule.log = restoreLog;
      debugModule.disable();
      if (previous !== '') debugModule.enable(previous);
      await app.close();
      await s3rver.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
