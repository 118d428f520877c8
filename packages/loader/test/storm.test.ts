import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientPool, type AwsS3Type } from '@mti/type-aws-s3';
import { loadApp } from '@mti/loader';
import { sleep } from './support/events';
import { s3Env } from './support/s3';
import { seedConfig, seedDeclaration, tempApp } from './support/tempApp';

/** What a process holds open: file descriptors, libuv handles by kind, pooled S3 clients. */
function fdTargets(): string[] {
  return readdirSync('/proc/self/fd').map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return 'gone';
    }
  });
}

function openHandles(): Record<string, number> {
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind === 'FSEventWrap' || kind === 'TCPSocketWrap' || kind === 'StatWatcher' || kind === 'FSReqCallback')
      handles[kind] = (handles[kind] ?? 0) + 1;
  }
  return handles;
}

/**
 * What is open now that was not open before: descriptors (by target, so a pipe's two ends count
 * twice), libuv handles by kind, pooled S3 clients. Something open before that closed meanwhile is
 * not counted: it belongs to an earlier test file in this worker (a keep-alive socket finishing).
 */
function openedSince(before: { fds: string[]; handles: Record<string, number>; clients: number }): {
  fds: string[];
  handles: Record<string, number>;
  clients: number;
} {
  const unmatched = [...before.fds];
  const fds = fdTargets().filter((target) => {
    const index = unmatched.indexOf(target);
    if (index === -1) return true;
    unmatched.splice(index, 1);
    return false;
  });
  const handles: Record<string, number> = {};
  for (const [kind, count] of Object.entries(openHandles())) {
    const grown = count - (before.handles[kind] ?? 0);
    if (grown > 0) handles[kind] = grown;
  }
  return { fds, handles, clients: clientPool.size - before.clients };
}

it('200 rapid edits across several elements: the final state matches the final files, nothing leaks', async () => {
  // libuv opens one inotify descriptor per process on the first watch and keeps it for the
  // life of the loop: a warm-up load puts it in the baseline, so what remains is ours.
  const warmUp = tempApp({ 'storages/W/e.json': seedDeclaration });
  await (await loadApp(warmUp.dir, { env: {}, watch: true })).close();
  warmUp.cleanup();
  await sleep(50);
  const before = { fds: fdTargets(), handles: openHandles(), clients: clientPool.size };
  const { server, env } = await s3Env();
  const names = ['A', 'B', 'C', 'D', 'E'];
  const files = Object.fromEntries(
    names.flatMap((n) => [
      [`storages/${n}/e.json`, seedDeclaration],
      [`storages/${n}/${n}.json`, seedConfig({ prefix: `${n}-0` })],
    ]),
  );
  const folder = tempApp(files);

  const app = await loadApp(folder.dir, { env, watch: true });
  try {
    const handles = names.map((n) => app.getElement<AwsS3Type>(`storages.${n}`));
    for (const handle of handles) await handle.uploadByFile('warm.txt', 'x');

    // 200 edits, round-robin with a varying element order and spacing; every 7th is invalid JSON,
    // every 11th an invalid value, so errors and recoveries interleave with good versions.
    const last: Record<string, { prefix: string; valid: boolean }> = {};
    for (let edit = 1; edit <= 200; edit++) {
      const name = names[(edit * 3) % names.length] as string;
      const path = join(folder.dir, `storages/${name}/${name}.json`);
      const prefix = `${name}-${edit}`;
      if (edit % 7 === 0 && edit < 195) {
        writeFileSync(path, '{ "broken": ');
        last[name] = { prefix: last[name]?.prefix ?? `${name}-0`, valid: false };
      } else if (edit % 11 === 0 && edit < 195) {
        writeFileSync(path, JSON.stringify(seedConfig({ prefix, maxAttempts: 0 })));
        last[name] = { prefix: last[name]?.prefix ?? `${name}-0`, valid: false };
      } else {
        writeFileSync(path, JSON.stringify(seedConfig({ prefix })));
        last[name] = { prefix, valid: true };
      }
      await sleep(edit % 5);
    }

    // Quiet: the last batch reads the files as they are now.
    await sleep(500);
    for (const [index, name] of names.entries()) {
      const expected = last[name] as { prefix: string; valid: boolean };
      const status = app.listElements().find((e) => e.fullName === `storages.${name}`)?.status;
      expect({ name, status, prefix: handles[index]?.config.prefix }).toEqual({
        name,
        status: 'ready',
        prefix: expected.prefix,
      });
      const put = await handles[index]?.uploadByFile('final.txt', name);
      expect(put?.url).toContain(`/${expected.prefix}/final.txt`);
    }
  } finally {
    await app.close();
    await server.stop();
    folder.cleanup();
  }
  const nothing = { fds: [], handles: {}, clients: 0 };
  let after = openedSince(before);
  for (let i = 0; i < 50 && JSON.stringify(after) !== JSON.stringify(nothing); i++) {
    await sleep(20);
    after = openedSince(before);
  }
  expect(after).toEqual(nothing);
}, 60_000);
