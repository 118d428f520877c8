import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElementNotFoundError } from '@mti/core';
import { clientPool, type AwsS3Type } from '@mti/type-aws-s3';
import { loadApp, type LoaderErrorEvent, type LoadedApp } from '@mti/loader';
import { nextReload, reloadsDuring, sleep } from './support/events';
import { s3Env, type RunningS3rver } from './support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

let server: RunningS3rver;
let env: Record<string, string>;
beforeAll(async () => {
  ({ server, env } = await s3Env());
});
afterAll(() => server.stop());

/** An app Type whose calls can be made slow, and which records its disposals process-wide. */
const slowType = (label: string) => `
import { AwsS3Type } from '@mti/type-aws-s3';
const disposed: string[] = ((globalThis as any).__mtiDisposed ??= []);
export default class SlowType extends AwsS3Type {
  async slow(ms: number): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return \`${label}:\${this.config.prefix}\`;
  }
  override dispose(): void {
    disposed.push(\`${label}:\${this.config.prefix}\`);
    super.dispose();
  }
}
`;
type Slow = AwsS3Type & { slow(ms: number): Promise<string> };
const disposed = (): string[] => ((globalThis as Record<string, unknown>).__mtiDisposed ??= []) as string[];

let folder: TempApp;
let app: LoadedApp;
const errors: LoaderErrorEvent[] = [];

beforeEach(async () => {
  disposed().length = 0;
  errors.length = 0;
  folder = tempApp({
    'storages/SlowType/e.json': { title: 'Slow', type: 'storages.AwsS3Type' },
    'storages/SlowType/index.ts': slowType('v1'),
    'storages/MyS3/e.json': { ...seedDeclaration, type: 'storages.SlowType' },
    'storages/MyS3/MyS3.json': seedConfig({ prefix: 'one' }),
  });
  app = await loadApp(folder.dir, { env, watch: true });
  app.on('error', (event) => errors.push(event));
});
afterEach(async () => {
  await app.close();
  folder.cleanup();
});

const status = (fullName: string) => app.listElements().find((e) => e.fullName === fullName);

describe('hot reload', () => {
  it('a config edit builds a new instance; handles taken before follow it', async () => {
    const s3 = app.getElement<Slow>('storages.MyS3');
    expect(await s3.slow(0)).toBe('v1:one');
    const reload = nextReload(app);
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    const event = await reload;
    expect(event).toMatchObject({ fullName: 'storages.MyS3', status: 'ready' });
    expect(event.ms).toBeGreaterThan(0);
    expect(await s3.slow(0)).toBe('v1:two');
    expect((await s3.uploadByFile('k', 'v')).key).toBe('k');
    expect((await app.getElement<AwsS3Type>('storages.MyS3').download('k')).toString()).toBe('v');
  });

  it('calls already running finish on the old instance, which is disposed once they drain', async () => {
    const s3 = app.getElement<Slow>('storages.MyS3');
    const running = s3.slow(300);
    const reload = nextReload(app);
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'two' }));
    await reload;
    expect(await s3.slow(0)).toBe('v1:two');
    expect(disposed()).toEqual([]);
    expect(await running).toBe('v1:one');
    await sleep(10);
    expect(disposed()).toEqual(['v1:one']);
  });

  it.each([
    ['malformed JSON', 'storages/MyS3/MyS3.json', '{ "prefix": "broken", ', /invalid JSON/],
    [
      'a failed validation',
      'storages/MyS3/MyS3.json',
      seedConfig({ prefix: 'two', maxAttempts: 0 }),
      /"maxAttempts": Too small/,
    ],
    [
      'an unset variable',
      'storages/MyS3/MyS3.json',
      seedConfig({ prefix: '${NOT_SET_ANYWHERE}' }),
      /NOT_SET_ANYWHERE is not set/,
    ],
    ['an invalid e.json', 'storages/MyS3/e.json', { title: '' }, /"title": Too small/],
  ])('an edit with %s keeps the last good version serving, then recovers', async (_label, file, content, message) => {
    const s3 = app.getElement<Slow>('storages.MyS3');
    expect(await s3.slow(0)).toBe('v1:one');
    const broken = nextReload(app);
    folder.write(file, content as string);
    expect(await broken).toMatchObject({ fullName: 'storages.MyS3', status: 'error' });
    expect(status('storages.MyS3')?.status).toBe('error');
    expect(status('storages.MyS3')?.error?.message).toMatch(message);
    expect(errors.map((e) => e.fullName)).toEqual(['storages.MyS3']);
    expect(await s3.slow(0)).toBe('v1:one');
    const fixed = nextReload(app);
    folder.write('storages/MyS3/e.json', { ...seedDeclaration, type: 'storages.SlowType' });
    folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'three' }));
    expect(await fixed).toMatchObject({ fullName: 'storages.MyS3', status: 'ready' });
    expect(await s3.slow(0)).toBe('v1:three');
  });

  it('Type code that throws keeps the last good class; fixed code rebuilds its Instances', async () => {
    const s3 = app.getElement<Slow>('storages.MyS3');
    expect(await s3.slow(0)).toBe('v1:one');
    const broken = nextReload(app, (e) => e.fullName === 'storages.SlowType');
    folder.write('storages/SlowType/index.ts', "throw new Error('bad deploy');\n");
    expect(await broken).toMatchObject({ status: 'error' });
    expect(status('storages.SlowType')?.error?.message).toContain('the code failed to load: bad deploy');
    expect(await s3.slow(0)).toBe('v1:one');
    const fixed = nextReload(app, (e) => e.fullName === 'storages.MyS3' && e.status === 'ready');
    folder.write('storages/SlowType/index.ts', slowType('v2'));
    await fixed;
    expect(await s3.slow(0)).toBe('v2:one');
    expect(status('storages.SlowType')?.status).toBe('ready');
  });

  it('adds, removes and renames element folders', async () => {
    const added = nextReload(app, (e) => e.fullName === 'storages.Second');
    folder.write('storages/Second/Second.json', seedConfig({ prefix: 'second' }));
    folder.write('storages/Second/e.json', seedDeclaration);
    expect(await added).toMatchObject({ status: 'ready' });
    const second = app.getElement<AwsS3Type>('storages.Second');
    expect((await second.uploadByFile('a', 'a')).key).toBe('a');

    const removed = nextReload(app, (e) => e.fullName === 'storages.Second');
    folder.remove('storages/Second');
    expect(await removed).toMatchObject({ status: 'removed' });
    await expect(second.download('a')).rejects.toBeInstanceOf(ElementNotFoundError);

    const events = await reloadsDuring(app, () =>
      renameSync(join(folder.dir, 'storages/MyS3'), join(folder.dir, 'storages/Renamed')),
    );
    // The business config keeps its old name, so the renamed folder reports it missing.
    expect(events.map((e) => `${e.fullName}:${e.status}`).sort()).toEqual([
      'storages.MyS3:removed',
      'storages.Renamed:error',
    ]);
    expect(status('storages.Renamed')?.error?.message).toContain(
      'storages/Renamed/Renamed.json (the file does not exist)',
    );
    expect(() => app.getElement('storages.MyS3')).toThrow(ElementNotFoundError);
  });

  it('Instances of a removed Type turn to status error', async () => {
    const events = await reloadsDuring(app, () => folder.remove('storages/SlowType'));
    expect(events.map((e) => `${e.fullName}:${e.status}`).sort()).toEqual([
      'storages.MyS3:error',
      'storages.SlowType:removed',
    ]);
    expect(status('storages.MyS3')?.error?.message).toContain('unknown type "storages.SlowType"');
  });

  it('gives one reload per editor save pattern and none for unrelated files', async () => {
    const config = (prefix: string): string => `${JSON.stringify(seedConfig({ prefix }), null, 2)}\n`;
    const target = join(folder.dir, 'storages/MyS3/MyS3.json');
    const patterns: Array<[string, () => Promise<void> | void]> = [
      ['write in place', () => writeFileSync(target, config('inplace'))],
      [
        'write a temp file, then rename it over',
        () => {
          writeFileSync(`${target}.tmp-123`, config('renamed'));
          renameSync(`${target}.tmp-123`, target);
        },
      ],
      [
        'several quick writes',
        async () => {
          for (const prefix of ['q1', 'q2', 'q3', 'q4', 'final']) {
            writeFileSync(target, config(prefix));
            await sleep(5);
          }
        },
      ],
    ];
    const s3 = app.getElement<Slow>('storages.MyS3');
    for (const [label, save] of patterns) {
      const events = await reloadsDuring(app, save);
      expect({ label, events: events.map((e) => `${e.fullName}:${e.status}`) }).toEqual({
        label,
        events: ['storages.MyS3:ready'],
      });
    }
    expect(await s3.slow(0)).toBe('v1:final');
    const unrelated = await reloadsDuring(app, () => {
      folder.write('storages/MyS3/notes.txt', 'hello');
      folder.write('storages/MyS3/.MyS3.json.swp', 'swap');
      folder.write('docs/readme.md', '# docs');
      writeFileSync(target, config('final'));
    });
    expect(unrelated).toEqual([]);
  });
});

describe('close', () => {
  it('leaves no watcher, socket or S3 client open', async () => {
    const count = () =>
      process
        .getActiveResourcesInfo()
        .filter((kind) => kind === 'FSEventWrap' || kind === 'TCPSocketWrap' || kind === 'StatWatcher').length;
    const before = { resources: count(), clients: clientPool.size };
    const folderB = tempApp({
      'storages/A/e.json': seedDeclaration,
      'storages/A/A.json': seedConfig({ prefix: 'close' }),
    });
    const watched = await loadApp(folderB.dir, { env, watch: true });
    await watched.getElement<AwsS3Type>('storages.A').uploadByFile('x', 'x');
    expect(count()).toBeGreaterThan(before.resources);
    expect(clientPool.size).toBe(before.clients + 1);
    await watched.close();
    expect(watched.watching).toBe(false);
    expect(clientPool.size).toBe(before.clients);
    for (let i = 0; i < 50 && count() > before.resources; i++) await sleep(20);
    expect(count()).toBe(before.resources);
    folderB.cleanup();
  });
});
