import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientPool, type AwsS3Type } from '@mti/type-aws-s3';
import { loadApp } from '@mti/loader';
import { nextReload, sleep } from './support/events';
import { s3Env } from './support/s3';
import { seedConfig, seedDeclaration, tempApp } from './support/tempApp';

it('calls at concurrency 16 while the config is rewritten 20 times: none fails, every rewrite reloads', async () => {
  const { server, env } = await s3Env();
  const folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ maxAttempts: 3 }),
  });
  const clientsBefore = clientPool.size;
  const app = await loadApp(folder.dir, { env, watch: true });
  // Cleanup runs on failure too: a leaked watcher or server would keep jest (in band on two
  // cores) from exiting, turning one red assertion into a hung CI run.
  try {
    const reloads: string[] = [];
    app.on('reload', (event) => reloads.push(`${event.fullName}:${event.status}`));
    const s3 = app.getElement<AwsS3Type>('storages.MyS3');
    await s3.uploadByFile('shared.txt', 'shared', 'text/plain');

    let next = 0;
    let done = 0;
    let writing = true;
    const failures: unknown[] = [];
    // Workers keep calling until the writer has seen all its reloads (and at least 2,000 calls
    // are made), so every reload happens under load however slow the machine is.
    const worker = async (): Promise<void> => {
      for (let i = next++; writing || i < 2_000; i = next++) {
        try {
          if (i % 3 === 0) await s3.uploadByFile(`load/${i % 500}.txt`, `body ${i}`, 'text/plain');
          else if (i % 3 === 1) expect((await s3.download('shared.txt')).toString()).toBe('shared');
          else expect((await s3.getObject('shared.txt')).size).toBe(6);
        } catch (error) {
          failures.push(error);
        }
        done++;
      }
    };
    const writer = async (): Promise<void> => {
      try {
        // Each rewrite changes the connection settings, so every reload also swaps the S3 client.
        // Waiting for each one's reload makes the count exact instead of depending on how many
        // writes the watcher's debounce folds together on a busy machine.
        for (let n = 1; n <= 20; n++) {
          const reloaded = nextReload(app, (event) => event.fullName === 'storages.MyS3', 15_000);
          writeFileSync(
            join(folder.dir, 'storages/MyS3/MyS3.json'),
            `${JSON.stringify(seedConfig({ maxAttempts: 3 + (n % 2), timeoutMs: 60_000 + n }))}\n`,
          );
          await reloaded;
          await sleep(20);
        }
      } finally {
        writing = false;
      }
    };
    await Promise.all([...Array.from({ length: 16 }, worker), writer()]);
    await sleep(200);

    expect(done).toBeGreaterThanOrEqual(2_000);
    expect(failures).toEqual([]);
    expect(reloads.length).toBeGreaterThanOrEqual(20);
    expect(new Set(reloads)).toEqual(new Set(['storages.MyS3:ready']));
    // The final file is what serves.
    expect(s3.config).toMatchObject({ maxAttempts: 3, timeoutMs: 60_020 });
  } finally {
    await app.close();
    await server.stop();
    folder.cleanup();
  }
  expect(clientPool.size).toBe(clientsBefore);
}, 120_000);
