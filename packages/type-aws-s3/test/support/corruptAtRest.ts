import { closeSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningS3rver } from './startS3rver';

/**
 * Changes byte `at` of `key`'s bytes as s3rver keeps them in `bucket`. s3rver keeps an object's
 * bytes and its MD5 apart, so this is bit rot under an ETag that still names the original: what
 * the integrity checks of download, downloadStream and downloadToFile are for. The byte becomes
 * 0x5a, or 0x5b where it already was 0x5a, so it always changes.
 */
export function corruptAtRest(server: RunningS3rver, bucket: string, key: string, at: number): void {
  const folder = join(server.directory, bucket, ...key.split('/').slice(0, -1));
  const name = readdirSync(folder).find((file) => file === `${key.split('/').at(-1)}._S3rver_object`);
  if (name === undefined) throw new Error(`s3rver keeps ${key} elsewhere`);
  const fd = openSync(join(folder, name), 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    writeSync(fd, Buffer.from([byte[0] === 0x5a ? 0x5b : 0x5a]), 0, 1, at);
  } finally {
    closeSync(fd);
  }
}
