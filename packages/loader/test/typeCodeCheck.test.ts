import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApp, type LoadedApp } from '@mti/loader';
import { nextReload, reloadsDuring } from './support/events';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

// The worker thread that checks Type code runs the built loader (`pnpm build` first, as `pnpm
// test` does). No call reaches S3 here: the seed config only needs its `${…}` set.
const env = { S3_ENDPOINT: 'http://127.0.0.1:9', S3_ACCESS_KEY_ID: 'x', S3_ACCESS_KEY_SECRET: 'x' };

let folder: TempApp;
let logDir: string;
let app: LoadedApp | undefined;
beforeEach(() => {
  // Outside the app folder, so the log's writes are no file events of the app.
  logDir = mkdtempSync(join(tmpdir(), 'mti-imports-'));
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  folder.cleanup();
  rmSync(logDir, { recursive: true, force: true });
});

const logFile = (): string => join(logDir, 'imports.log');
/** One line per import of the Type's code: its version and the thread it ran in. */
const imports = (): string[] => {
  try {
    return readFileSync(logFile(), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/** Type code that logs each import of itself; `rest` runs after the log line. */
const loggingType = (version: string, rest = ''): string => `import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { AwsS3Type } from '@mti/type-aws-s3';
appendFileSync(${JSON.stringify(logFile())}, \`${version} \${isMainThread ? 'process' : 'worker'}\\n\`);
${rest}
export default class LoggingType extends AwsS3Type {
  async version(): Promise<string> {
    return '${version}';
  }
}
`;

async function start(typeSource: string): Promise<LoadedApp> {
  folder = tempApp({
    'storages/LoggingType/e.json': { title: 'Logging', type: 'storages.AwsS3Type' },
    'storages/LoggingType/index.ts': typeSource,
    'storages/MyS3/e.json': { ...seedDeclaration, type: 'storages.LoggingType' },
    'storages/MyS3/MyS3.json': seedConfig(),
  });
  app = await loadApp(folder.dir, { env, watch: true });
  return app;
}

const version = (loaded: LoadedApp): Promise<string> =>
  loaded.getElement<{ version(): Promise<string> }>('storages.MyS3').version();

/** Writes the Type's code and waits for its Instance to serve `expected`. */
async function writeType(loaded: LoadedApp, source: string): Promise<void> {
  const served = nextReload(loaded, (e) => e.fullName === 'storages.MyS3' && e.status === 'ready');
  folder.write('storages/LoggingType/index.ts', source);
  await served;
}

describe('Type code is imported in a worker thread before it is imported in the process', () => {
  it('once per content: a config edit, a second look or content seen before imports nothing again', async () => {
    const loaded = await start(loggingType('v1'));
    expect(imports()).toEqual(['v1 worker', 'v1 process']);

    const configEdit = await reloadsDuring(loaded, () =>
      folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'edited' })),
    );
    expect(configEdit.map((e) => `${e.fullName}:${e.status}`)).toEqual(['storages.MyS3:ready']);
    expect(imports()).toEqual(['v1 worker', 'v1 process']);

    // The reload reads the folder twice (chokidar's second look); the code is checked once.
    await reloadsDuring(loaded, () => writeType(loaded, loggingType('v2')));
    expect(await version(loaded)).toBe('v2');
    expect(imports()).toEqual(['v1 worker', 'v1 process', 'v2 worker', 'v2 process']);

    // The last good version's module is kept: going back to it imports nothing.
    await writeType(loaded, loggingType('v1'));
    expect(await version(loaded)).toBe('v1');
    expect(imports()).toHaveLength(4);

    // Content checked before is not checked again, though it is imported again.
    await writeType(loaded, loggingType('v3'));
    await writeType(loaded, loggingType('v2'));
    expect(await version(loaded)).toBe('v2');
    expect(imports().slice(4)).toEqual(['v3 worker', 'v3 process', 'v2 process']);
  });

  it('code whose check failed is not imported in the process, nor checked again until it changes', async () => {
    const loaded = await start(loggingType('bad', "Promise.reject(new Error('rejected at import'));"));
    const type = loaded.listElements().find((e) => e.fullName === 'storages.LoggingType');
    expect(type?.status).toBe('error');
    expect(type?.error?.message).toContain('storages/LoggingType/index.ts');
    expect(type?.error?.message).toContain('rejected at import');
    expect(imports()).toEqual(['bad worker']);

    // Its folder is read again (a title edit): the verdict stands without another check.
    await reloadsDuring(loaded, () =>
      folder.write('storages/LoggingType/e.json', { title: 'Logging, renamed', type: 'storages.AwsS3Type' }),
    );
    expect(imports()).toEqual(['bad worker']);

    await writeType(loaded, loggingType('good'));
    expect(await version(loaded)).toBe('good');
    expect(imports()).toEqual(['bad worker', 'good worker', 'good process']);
  });
});
