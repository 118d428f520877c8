import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

interface ElementState {
  fullName: string;
  status: string;
  code?: string;
  file?: string;
  message?: string;
  prefix: unknown;
}
interface Line {
  event: 'ready' | 'reload' | 'error';
  warnings?: Array<{ code: string; file: string; message: string }>;
  code?: string;
  file?: string;
  message?: string;
  elements: ElementState[];
}

/**
 * A path to this Node that `nobody` can run. The Node under test may live where only root can
 * reach it (.ci/node.sh keeps Node 22 under /root/.cache, and /root is 0700): then a copy in a
 * temp folder open to all, made once.
 */
let sharedNode: string | undefined;
function nodeOthersCanRun(): string {
  const reachable = (path: string): boolean => {
    for (let at = path; at !== dirname(at); at = dirname(at)) if ((statSync(at).mode & 0o001) === 0) return false;
    return true;
  };
  if (reachable(process.execPath)) return process.execPath;
  if (sharedNode === undefined) {
    const folder = mkdtempSync(join(tmpdir(), 'mti-node-'));
    chmodSync(folder, 0o755);
    sharedNode = join(folder, 'node');
    copyFileSync(process.execPath, sharedNode);
    chmodSync(sharedNode, 0o755);
  }
  return sharedNode;
}
afterAll(() => {
  if (sharedNode !== undefined) rmSync(dirname(sharedNode), { recursive: true, force: true });
});

/**
 * The app runs in a child process as `nobody` when the tests run as root (root reads any
 * file whatever its mode), as the test's own user otherwise. Its lines are kept, and `next`
 * waits for one that matches.
 */
function watchInChild(dir: string): { child: ChildProcess; next(match: (line: Line) => boolean): Promise<Line> } {
  const asRoot = process.getuid?.() === 0;
  const child = spawn(
    asRoot ? nodeOthersCanRun() : process.execPath,
    [join(__dirname, 'support/watchInChild.js'), dir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    },
  );
  const lines: Line[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push(JSON.parse(text) as Line);
    for (const wake of waiting) wake();
  });
  let seen = 0;
  const next = (match: (line: Line) => boolean): Promise<Line> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        while (seen < lines.length) {
          const line = lines[seen++] as Line;
          if (!match(line)) continue;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(line);
          return;
        }
      };
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`no matching line within 15 s; last: ${JSON.stringify(lines.at(-1))}`));
      }, 15_000);
      waiting.add(check);
      check();
    });
  return { child, next };
}

const myS3 = (line: Line): ElementState | undefined => line.elements.find((e) => e.fullName === 'storages.MyS3');

let folder: TempApp;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  // A user other than root cannot remove what it cannot list.
  for (const path of ['locked', 'storages/MyS3', 'storages/MyS3/MyS3.json']) {
    try {
      chmodSync(join(folder.dir, path), 0o755);
    } catch {
      // Already gone, or never made.
    }
  }
  folder.cleanup();
});

it('an unreadable config, then an unreadable element folder: status error naming the relative path, the last good version serving', async () => {
  folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ prefix: 'one' }),
    'storages/Other/e.json': seedDeclaration,
    'storages/Other/Other.json': seedConfig({ prefix: 'other' }),
    'locked/Hidden/e.json': seedDeclaration,
  });
  chmodSync(folder.dir, 0o755);
  chmodSync(join(folder.dir, 'locked'), 0o000);
  const run = watchInChild(folder.dir);
  child = run.child;
  const ready = await run.next((line) => line.event === 'ready');
  expect(myS3(ready)).toMatchObject({ status: 'ready', prefix: 'one' });
  expect(ready.warnings).toEqual([
    { code: 'INVALID_CONFIG', file: 'locked', message: expect.stringMatching(/^locked: cannot read this folder/) },
  ]);

  const config = join(folder.dir, 'storages/MyS3/MyS3.json');
  chmodSync(config, 0o000);
  const unreadable = myS3(await run.next((line) => myS3(line)?.status !== 'ready'));
  expect(unreadable).toMatchObject({
    status: 'error',
    code: 'INVALID_CONFIG',
    file: 'storages/MyS3/MyS3.json',
    prefix: 'one',
  });
  expect(unreadable?.message).toMatch(/^storages\.MyS3: storages\/MyS3\/MyS3\.json: cannot read the file \(EACCES\)/);
  chmodSync(config, 0o644);
  expect(myS3(await run.next((line) => myS3(line)?.status === 'ready'))).toMatchObject({ prefix: 'one' });

  const element = join(folder.dir, 'storages/MyS3');
  chmodSync(element, 0o000);
  const hidden = await run.next((line) => myS3(line)?.status !== 'ready');
  expect(myS3(hidden)).toMatchObject({ status: 'error', code: 'INVALID_CONFIG', file: 'storages/MyS3', prefix: 'one' });
  expect(hidden.elements.find((e) => e.fullName === 'storages.Other')).toMatchObject({ status: 'ready' });
  chmodSync(element, 0o755);
  folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
  expect(myS3(await run.next((line) => myS3(line)?.prefix === 'two'))).toMatchObject({ status: 'ready' });
}, 60_000);
