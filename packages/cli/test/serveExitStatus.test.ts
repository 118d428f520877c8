import { seedConfig, seedDeclaration, tempApp, type TempApp } from '../../loader/test/support/tempApp';
import { childrenOf, outputUntil, spawnCli } from './support/runCli';

// `mti serve --embedded-s3` runs in a child of the `mti` process (bin.ts). A supervisor sees only
// the parent's exit status: a child killed by anyone but the parent must not read as success.

let folder: TempApp;

beforeEach(() => {
  folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ bucketName: '${S3_BUCKET:-mti-exit}' }),
  });
});
afterEach(() => folder.cleanup());

async function serving(): Promise<{
  parent: ReturnType<typeof spawnCli>;
  child: number;
  exited: Promise<number | null>;
}> {
  const parent = spawnCli(['serve', folder.dir, '--embedded-s3', '--port', '0']);
  const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
  await outputUntil(parent, 'curl ');
  const children = childrenOf(parent.pid as number);
  expect(children).toHaveLength(1);
  return { parent, child: children[0] as number, exited };
}

describe('the exit status of mti serve --embedded-s3', () => {
  it('is 128 + 9 when its server process is SIGKILLed (as by the OOM killer)', async () => {
    const { child, exited } = await serving();
    process.kill(child, 'SIGKILL');
    expect(await exited).toBe(137);
  });

  it('is 128 + 1 when its server process dies of a SIGHUP, which nobody forwarded', async () => {
    const { child, exited } = await serving();
    process.kill(child, 'SIGHUP');
    expect(await exited).toBe(129);
  });

  it('is 0 when the parent is asked to stop and passes it on', async () => {
    const { parent, exited } = await serving();
    parent.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
