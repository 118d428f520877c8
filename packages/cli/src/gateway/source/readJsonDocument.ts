import { readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@mti/core';
import { GatewayError } from '../GatewayError';
import { isInside } from './isInside';

/** The largest e.json or config read, as the loader's limit: far above any real one. */
const MAX_BYTES = 1024 * 1024;

/**
 * Parses `<folder>/<name>` (`folder` a real path inside the app folder `root`), or returns
 * undefined when there is no such file. A file that links outside the app folder is refused,
 * like one the loader would not read; a file that does not parse is 409 naming it, without
 * JSON.parse's message (it quotes the text, which may be a secret).
 */
export async function readJsonDocument(
  root: string,
  folder: string,
  name: string,
  where: { element: string; file: string },
): Promise<unknown> {
  let real: string;
  try {
    real = await realpath(join(folder, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const fail = (status: number, code: 'ACCESS_DENIED' | 'INVALID_CONFIG', reason: string): GatewayError =>
    new GatewayError(ErrorCode[code], `${where.element}: ${where.file}: ${reason}`, status, where);
  if (!isInside(root, real)) throw fail(403, 'ACCESS_DENIED', 'links outside the app folder');
  const stats = await stat(real);
  if (!stats.isFile()) throw fail(409, 'INVALID_CONFIG', 'is not a regular file');
  if (stats.size > MAX_BYTES) throw fail(409, 'INVALID_CONFIG', 'is larger than 1 MiB');
  const text = await readFile(real, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(409, 'INVALID_CONFIG', 'is not valid JSON; fix it in an editor');
  }
}
