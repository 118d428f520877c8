import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientPool, type AwsS3Type } from '@mti/type-aws-s3';
import { loadApp } from '@mti/loader';
import { sleep } from './support/events';
import { s3Env } from './support/s3';
import { seedConfig, seedDeclaration, tempApp } from './support/tempApp';

it('2,000 calls at concurrency 16 while the config is rewritten 20 times: none fails', async () => {
  const { server, env } = await s3Env();
  const folder = tempApp({
    'storages/MyS3/e.json': seedDeclaration,
    'storages/MyS3/MyS3.json': seedConfig({ maxAttempts: 3 }),
  });
  const clientsBefore = clientPool.size;
  const app = await loadApp(folder.dir, { env, watch: true });
  const reloads: string[] = [];
  app.on('reload', (event) => reloads.push(`${event.fullName}:${event.status}`));
  const s3 = app.getElement<AwsS3Type>('storages.MyS3');
  await s3.uploadByFile('shared.txt', 'shared', 'text/plain');

  let next = 0;
  let done = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (let i = next++; i < 2_000; i = next++) {
      try {
        if (i % 3 === 0) await s3.uploadByFile(`load/${i}.txt`, `body ${i}`, 'text/plain');
        else if (i % 3 === 1) expect((await s3.download('shared.txt')).toString()).toBe('shared');
        else expect((await s3.getObject('shared.txt')).size).toBe(6);
      } catch (error) {
        failures.push(error);
      }
      done++;
    }
  };
  const writer = async (): Promise<void> => {
    // Each rewrite changes the connection settings, so every reload also swaps the S3 client.
    for (let n = 1; n <= 20; n++) {
      writeFileSync(
        join(folder.dir, 'storages/MyS3/MyS3.json'),
        `${JSON.stringify(seedConfig({ maxAttempts: 3 + (n % 2), timeoutMs: 60_000 + n }))}\n`,
      );
      await sleep(80);
    }
  };
  await Promise.all([...Array.from({ length: 16 }, worker), writer()]);
  await sleep(200);

  expect(done).toBe(2_000);
  expect(failures).toEqual([]);
  expect(reloads.length).toBeGreaterThanOrEqual(15);
  expect(new Set(reloads)).toEqual(new Set(['storages.MyS3:ready']));
  // The final file is what serves.
  expect(s3.config).toMatchObject({ maxAttempts: 3, timeoutMs: 60_020 });
  await app.close();
  expect(clientPool.size).toBe(clientsBefore);
  await server.stop();
  folder.cleanup();
}, 120_000);
