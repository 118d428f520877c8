import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ElementError } from '@mti/core';
import { clientPool, type AwsS3Type } from '@mti/type-aws-s3';
import { loadApp, type LoadAppOptions, type LoadedApp } from '@mti/loader';
import { nextReload, sleep } from './support/events';
import { s3Env, type RunningS3rver } from './support/s3';
import { seedConfig, seedDeclaration, tempApp, type TempApp } from './support/tempApp';

// A stream handed out by `downloadStream` is a call still running: reloads and close() must let
// it finish on the instance (and pooled S3 client) it started on, up to `closeTimeoutMs`.

const BIG = randomBytes(64 * 1024 * 1024);
const BIG_SHA = sha256(BIG);

/** An app Type whose one extra method tells which config its instance was built from. */
const probeType = `
import { AwsS3Type } from '@mti/type-aws-s3';
export default class ProbeType extends AwsS3Type {
  builtWith(): number {
    return this.config.timeoutMs;
  }
}
`;
type Probe = AwsS3Type & { builtWith(): number };

let server: RunningS3rver;
let env: Record<string, string>;
let folder: TempApp;
let app: LoadedApp;
let clientsBefore: number;

beforeAll(async () => {
  ({ server, env } = await s3Env());
  const seeder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ prefix: 'streams' }),
  });
  const seeding = await loadApp(seeder.dir, { env });
  await seeding.getElement<AwsS3Type>('storages.MyS3').uploadByFile('big.bin', BIG);
  await seeding.close();
  seeder.cleanup();
}, 120_000);
afterAll(() => server.stop());

async function start(options: LoadAppOptions = {}): Promise<Probe> {
  clientsBefore = clientPool.size;
  folder = tempApp({
    'storages/ProbeType/e.json': { title: 'Probe', type: 'storages.AwsS3Type' },
    'storages/ProbeType/index.ts': probeType,
    'storages/MyS3/e.json': { ...seedDeclaration, type: 'storages.ProbeType' },
    'storages/MyS3/MyS3.json': seedConfig({ prefix: 'streams', timeoutMs: 60_000 }),
  });
  app = await loadApp(folder.dir, { env, ...options });
  return app.getElement<Probe>('storages.MyS3');
}
afterEach(async () => {
  await app.close();
  folder.cleanup();
});

/** An edit that changes no key: a new timeoutMs, which also gives the new instance a new S3 client. */
async function reloadWithTimeout(timeoutMs: number): Promise<void> {
  const reload = nextReload(app, (event) => event.fullName === 'storages.MyS3');
  folder.write('storages/MyS3/MyS3.json', seedConfig({ prefix: 'streams', timeoutMs }));
  expect(await reload).toMatchObject({ status: 'ready' });
}

/**
 * Reads the stream to its end and hashes it. After the first chunk it reads nothing until
 * `meanwhile` has finished: a consumer that stalls exactly while the app changes under it.
 */
async function readAll(stream: Readable, meanwhile: () => Promise<void> = async () => {}): Promise<string> {
  const hash = createHash('sha256');
  let first = true;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    if (first) {
      first = false;
      await meanwhile();
    }
  }
  return hash.digest('hex');
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Waits, a few event-loop turns at a time, for `condition`; fails if it never comes. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await sleep(10);
  expect(condition()).toBe(true);
}

function failureOf(stream: Readable): Promise<unknown> {
  return new Promise((resolve) => stream.once('error', resolve));
}

describe('a stream a call returned', () => {
  it('finishes on the old instance across a reload, byte for byte, while new calls use the new one', async () => {
    const s3 = await start({ watch: true });
    expect(s3.builtWith()).toBe(60_000);
    const stream = await s3.downloadStream('big.bin');
    const sha = await readAll(stream, async () => {
      await reloadWithTimeout(61_000);
      expect(s3.builtWith()).toBe(61_000);
      expect(await s3.exists('big.bin')).toBe(true);
      expect(clientPool.size).toBe(clientsBefore + 2);
    });
    expect(sha).toBe(BIG_SHA);
    // Once the stream is over the old instance goes, and its client with it.
    await until(() => clientPool.size === clientsBefore + 1);
  });

  it('keeps close() waiting until it ends, byte for byte', async () => {
    const s3 = await start();
    const stream = await s3.downloadStream('big.bin');
    let closed = false;
    let closing: Promise<void> | undefined;
    let closedAtEnd: boolean | undefined;
    stream.once('end', () => (closedAtEnd = closed));
    const sha = await readAll(stream, async () => {
      closing = app.close().then(() => {
        closed = true;
      });
    });
    expect(sha).toBe(BIG_SHA);
    expect(closedAtEnd).toBe(false);
    await closing;
    expect(clientPool.size).toBe(clientsBefore);
  });

  it('that is never read is cut with TIMEOUT once closeTimeoutMs has passed in close()', async () => {
    const s3 = await start({ closeTimeoutMs: 200 });
    const stream = await s3.downloadStream('big.bin');
    const failed = failureOf(stream);
    await app.close();
    const error = await failed;
    expect(ElementError.hasCode(error, 'TIMEOUT')).toBe(true);
    expect(error).toMatchObject({ element: 'storages.MyS3' });
    expect((error as Error).message).toMatch(/app "mti-app-\w+" was closing/);
    expect(stream.readableEnded).toBe(false);
    expect(clientPool.size).toBe(clientsBefore);
  });

  it('that is never read holds the old instance for closeTimeoutMs after a reload, then is cut with TIMEOUT', async () => {
    const s3 = await start({ watch: true, closeTimeoutMs: 200 });
    const stream = await s3.downloadStream('big.bin');
    const failed = failureOf(stream);
    await reloadWithTimeout(62_000);
    const error = await failed;
    expect(ElementError.hasCode(error, 'TIMEOUT')).toBe(true);
    expect(error).toMatchObject({ element: 'storages.MyS3' });
    expect((error as Error).message).toMatch(/storages\.MyS3 was reloaded/);
    expect(stream.readableEnded).toBe(false);
    // The new instance serves meanwhile, on its own client.
    expect(s3.builtWith()).toBe(62_000);
    expect(await s3.exists('big.bin')).toBe(true);
  });

  it('destroyed by its consumer stops holding the app: close() waits only for the one still open', async () => {
    // Far beyond the test's own timeout: were the destroyed stream still held, close() would
    // wait this long and the test would fail.
    const s3 = await start({ closeTimeoutMs: 60_000 });
    const dropped = await s3.downloadStream('big.bin');
    const kept = await s3.downloadStream('big.bin');
    await new Promise((resolve) => dropped.once('readable', resolve));
    dropped.destroy();
    let closing: Promise<void> | undefined;
    const sha = await readAll(kept, async () => {
      closing = app.close();
    });
    expect(sha).toBe(BIG_SHA);
    await closing;
    expect(dropped.destroyed).toBe(true);
    expect(clientPool.size).toBe(clientsBefore);
  });
});
