import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ErrorCode, StorageError } from '@mti/core';
import type { DiskType } from '@mti/type-disk';
import { type DiskApp, startDiskApp } from './support/diskApp';

/** The StorageError `work` rejects with; fails when it resolves. */
async function failure(work: () => Promise<unknown>): Promise<StorageError> {
  try {
    await work();
  } catch (error) {
    if (StorageError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a StorageError, but the call resolved');
}

/** Every file under a folder, relative, `/`-separated. */
async function filesUnder(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, base), { withFileTypes: true }).catch(() => [])) {
    const rel = base === '' ? entry.name : `${base}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

let disk: DiskApp;
let storage: DiskType;
let outside: string;

beforeAll(async () => {
  disk = await startDiskApp();
  storage = disk.storage;
  outside = await mkdtemp(join(tmpdir(), 'mti-disk-outside-'));
});

afterAll(async () => {
  await disk.close();
  await rm(outside, { recursive: true, force: true });
});

describe('objects are plain files, metadata beside them', () => {
  it('stores the bytes at rootDir/<key> and the rest in .mti-meta/<key>', async () => {
    await storage.uploadByFile('plain/hello.txt', 'hello', 'text/plain', {
      metadata: { owner: 'team-a' },
      cacheControl: 'max-age=60',
      contentDisposition: 'inline',
      storageClass: 'STANDARD_IA',
    });
    expect(await readFile(join(disk.rootDir, 'plain/hello.txt'), 'utf8')).toBe('hello');
    const sidecar = JSON.parse(await readFile(join(disk.rootDir, '.mti-meta/plain/hello.txt'), 'utf8'));
    expect(sidecar).toMatchObject({
      contentType: 'text/plain',
      metadata: { owner: 'team-a' },
      cacheControl: 'max-age=60',
      contentDisposition: 'inline',
      storageClass: 'STANDARD_IA',
      md5: '5d41402abc4b2a76b9719d911017c592',
    });
    const info = await storage.getObject('plain/hello.txt');
    expect(info).toMatchObject({ etag: '"5d41402abc4b2a76b9719d911017c592"', size: 5, storageClass: 'STANDARD_IA' });
    expect(info.lastModified.getTime()).toBe((await lstat(join(disk.rootDir, 'plain/hello.txt'))).mtime.getTime());
  });

  it('describes a file put there by another program from the file alone', async () => {
    await mkdir(join(disk.rootDir, 'dropped'), { recursive: true });
    await writeFile(join(disk.rootDir, 'dropped/by-hand.bin'), 'hello');
    const info = await storage.getObject('dropped/by-hand.bin');
    expect(info).toMatchObject({ contentType: 'application/octet-stream', etag: '"5d41402abc4b2a76b9719d911017c592"' });
    expect((await storage.list('dropped/')).items.map((item) => item.key)).toEqual(['dropped/by-hand.bin']);
  });

  it('ignores a sidecar whose file was replaced by another program', async () => {
    await storage.uploadByFile('replaced.txt', 'first', 'text/csv');
    await rm(join(disk.rootDir, 'replaced.txt'));
    await writeFile(join(disk.rootDir, 'replaced.txt'), 'other');
    const info = await storage.getObject('replaced.txt');
    expect(info.contentType).toBe('application/octet-stream');
    expect(info.etag).not.toBe((await storage.uploadByFile('x.txt', 'first')).etag);
  });

  it('removes the folders a delete leaves empty, in both trees', async () => {
    await storage.uploadByFile('deep/er/still/file.txt', 'x');
    await storage.delete('deep/er/still/file.txt');
    await expect(lstat(join(disk.rootDir, 'deep'))).rejects.toThrow();
    await expect(lstat(join(disk.rootDir, '.mti-meta/deep'))).rejects.toThrow();
  });

  it('move renames the file and its sidecar', async () => {
    await storage.uploadByFile('mv/from.txt', 'moving', 'text/markdown', { metadata: { a: '1' } });
    const before = await lstat(join(disk.rootDir, 'mv/from.txt'));
    await storage.move('mv/from.txt', 'mv/to/there.txt');
    expect((await lstat(join(disk.rootDir, 'mv/to/there.txt'))).ino).toBe(before.ino);
    expect(await storage.getObject('mv/to/there.txt')).toMatchObject({
      contentType: 'text/markdown',
      metadata: { a: '1' },
    });
    expect(await storage.exists('mv/from.txt')).toBe(false);
  });
});

describe('writes are atomic', () => {
  it('a reader sees the old object or the new one, whole, while a write streams in', async () => {
    const key = 'atomic/big.bin';
    const size = 2 * 1024 * 1024;
    await storage.uploadByFile(key, Buffer.alloc(size, 'a'));
    const source = new PassThrough();
    const writing = storage.uploadByFile(key, source);
    // Half the new bytes, then reads, then the rest: every read must be all "a" or all "b".
    source.write(Buffer.alloc(size / 2, 'b'));
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const got = await storage.download(key);
      expect(got.length).toBe(size);
      const first = got[0] as number;
      expect(got.every((byte) => byte === first)).toBe(true);
      seen.add(String.fromCharCode(first));
    }
    expect(seen).toEqual(new Set(['a']));
    source.end(Buffer.alloc(size / 2, 'b'));
    await writing;
    const after = await storage.download(key);
    expect(after.length).toBe(size);
    expect(after.every((byte) => byte === 0x62)).toBe(true);
  });

  it('a write that fails half-way leaves the old object and no temporary file', async () => {
    const key = 'atomic/kept.txt';
    await storage.uploadByFile(key, 'the old bytes', 'text/plain');
    let sent = false;
    const broken = new Readable({
      read() {
        if (!sent) {
          sent = true;
          this.push(Buffer.alloc(100_000, 'n'));
        } else this.destroy(new Error('the writer died'));
      },
    });
    await failure(() => storage.uploadByFile(key, broken, 'text/csv'));
    expect((await storage.download(key)).toString()).toBe('the old bytes');
    expect((await storage.getObject(key)).contentType).toBe('text/plain');
    expect((await filesUnder(disk.rootDir)).filter((path) => path.includes('.mti-tmp-'))).toEqual([]);
  });

  it("a crashed writer's temporary file is ignored by list and never read as the object", async () => {
    const key = 'crashed/object.txt';
    await storage.uploadByFile(key, 'intact', 'text/plain');
    // What a process killed mid-write leaves: a partial temporary file beside the object.
    await writeFile(join(disk.rootDir, 'crashed/.mti-tmp-0123456789abcdef'), 'partial new by');
    await writeFile(join(disk.rootDir, '.mti-meta/crashed/.mti-tmp-fedcba9876543210'), '{"v":1');
    expect((await storage.download(key)).toString()).toBe('intact');
    expect((await storage.list('crashed/')).items.map((item) => item.key)).toEqual([key]);
    expect((await storage.list('', { delimiter: '/' })).prefixes).not.toContain('.mti-meta/');
    await storage.uploadByFile(key, 'replaced', 'text/plain');
    expect((await storage.download(key)).toString()).toBe('replaced');
  });
});

describe('no way out of rootDir', () => {
  beforeAll(async () => {
    await writeFile(join(outside, 'secret.txt'), 'outside secret');
    await symlink(outside, join(disk.rootDir, 'escape'));
    await symlink(join(outside, 'secret.txt'), join(disk.rootDir, 'secret-link.txt'));
    await mkdir(join(disk.rootDir, 'inside'), { recursive: true });
    await symlink(join(disk.rootDir, 'inside'), join(disk.rootDir, 'inner-link'));
  });

  it('refuses every operation through a folder link with ACCESS_DENIED', async () => {
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['download', () => storage.download('escape/secret.txt')],
      ['getObject', () => storage.getObject('escape/secret.txt')],
      ['exists', () => storage.exists('escape/secret.txt')],
      ['downloadStream', () => storage.downloadStream('escape/secret.txt')],
      ['uploadByFile', () => storage.uploadByFile('escape/new/planted.txt', 'x')],
      ['delete', () => storage.delete('escape/secret.txt')],
      ['copy', () => storage.copy('escape/secret.txt', 'stolen.txt')],
      ['move', () => storage.move('plain/hello.txt', 'escape/moved.txt')],
      ['list', () => storage.list('escape/')],
    ];
    for (const [operation, call] of calls) {
      const error = await failure(call);
      expect([operation, error.code]).toEqual([operation, ErrorCode.ACCESS_DENIED]);
    }
    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('outside secret');
    expect(await storage.exists('stolen.txt')).toBe(false);
  });

  it('refuses a file link, and a link that stays inside, alike', async () => {
    expect((await failure(() => storage.download('secret-link.txt'))).code).toBe(ErrorCode.ACCESS_DENIED);
    expect((await failure(() => storage.getObject('secret-link.txt'))).code).toBe(ErrorCode.ACCESS_DENIED);
    expect((await failure(() => storage.delete('secret-link.txt'))).code).toBe(ErrorCode.ACCESS_DENIED);
    expect((await failure(() => storage.uploadByFile('inner-link/x.txt', 'x'))).code).toBe(ErrorCode.ACCESS_DENIED);
    expect((await lstat(join(disk.rootDir, 'secret-link.txt'))).isSymbolicLink()).toBe(true);
  });

  it('list shows no link', async () => {
    const keys = (await storage.list('')).items.map((item) => item.key);
    expect(keys.filter((key) => /escape|secret-link|inner-link/.test(key))).toEqual([]);
  });

  it('keys that would leave rootDir or reach the sidecar tree are INVALID_ARGUMENT', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', '.mti-meta/plain/hello.txt', 'a/.mti-tmp-1', 'folder/']) {
      const error = await failure(() => storage.download(key));
      expect([key, error.code, error.field]).toEqual([key, ErrorCode.INVALID_ARGUMENT, 'name']);
    }
    expect((await failure(() => storage.uploadByFile('.mti-meta/x', 'x'))).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect((await storage.list('.mti-meta/')).items).toEqual([]);
    expect((await storage.list('.mti')).items).toEqual([]);
  });

  it('a key that is both an object and a folder is a CONFLICT', async () => {
    await storage.uploadByFile('both', 'file');
    expect((await failure(() => storage.uploadByFile('both/inside', 'x'))).code).toBe(ErrorCode.CONFLICT);
    await storage.uploadByFile('folder-first/x', 'x');
    expect((await failure(() => storage.uploadByFile('folder-first', 'x'))).code).toBe(ErrorCode.CONFLICT);
    expect((await failure(() => storage.download('both/inside'))).code).toBe(ErrorCode.NOT_FOUND);
    expect(await storage.exists('folder-first')).toBe(false);
  });
});

describe('list', () => {
  // Byte order of UTF-8, as S3 lists: "-" < "/" < "0", and U+FF5E before U+1F600 (JavaScript's
  // UTF-16 order has them the other way round).
  const names = ['a-c', 'a/b', 'a/c/d', 'a0', 'z', 'é', '\uFF5E', '😀'];

  let tree: DiskApp;
  beforeAll(async () => {
    tree = await startDiskApp({ prefix: 'tenant' });
    for (const name of names) await tree.storage.uploadByFile(`l/${name}`, name);
  });
  afterAll(() => tree.close());

  it('gives keys in UTF-8 byte order', async () => {
    const page = await tree.storage.list('l/');
    const keys = page.items.map((item) => item.key);
    expect(keys).toEqual(names.map((name) => `l/${name}`));
    expect([...keys].sort()).not.toEqual(keys); // UTF-16 order would differ
  });

  it('pages one at a time through keys and common prefixes, each once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await tree.storage.list('l/', { limit: 1, delimiter: '/', ...(cursor ? { cursor } : {}) });
      expect(page.items.length + page.prefixes.length).toBe(1);
      seen.push(...page.items.map((item) => item.key), ...page.prefixes);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(['l/a-c', 'l/a/', 'l/a0', 'l/z', 'l/é', 'l/\uFF5E', 'l/😀']);
  });

  it('groups by a delimiter other than "/"', async () => {
    const page = await tree.storage.list('l/a', { delimiter: 'c' });
    expect(page.items.map((item) => item.key)).toEqual(['l/a/b', 'l/a0']);
    expect(page.prefixes).toEqual(['l/a-c', 'l/a/c']);
  });

  it("refuses another listing's cursor", async () => {
    const page = await tree.storage.list('l/', { limit: 2 });
    expect(page.nextCursor).toBeDefined();
    const error = await failure(() => tree.storage.list('l/a', { limit: 2, cursor: page.nextCursor as string }));
    expect([error.code, error.field]).toEqual([ErrorCode.INVALID_ARGUMENT, 'cursor']);
  });

  it('keeps keys under the prefix folder on disk, and lists them without it', async () => {
    expect(await readFile(join(tree.rootDir, 'tenant/l/z'), 'utf8')).toBe('z');
    expect((await tree.storage.list('l/z')).items.map((item) => item.key)).toEqual(['l/z']);
  });
});
