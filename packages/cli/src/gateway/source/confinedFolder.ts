import { lstat, mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@mti/core';
import { GatewayError } from '../GatewayError';
import { isInside } from './isInside';

export interface ConfinedFolder {
  /** The app folder's real path. */
  root: string;
  /** The folder's real path, when it exists (or was made). */
  real: string | undefined;
}

/**
 * Resolves `rel` (`storages/MyS3`) inside the app folder one segment at a time, each through
 * realpath, and refuses (403) as soon as one leads outside the app folder: a group folder that
 * is a symlink to elsewhere must not let a write or a delete land there. With `create`, missing
 * folders are made on the way (each checked once made). `real` is undefined when a segment does
 * not exist and `create` is false.
 */
export async function confinedFolder(appDir: string, rel: string, create: boolean): Promise<ConfinedFolder> {
  const root = await realpath(appDir);
  let current = root;
  const walked: string[] = [];
  for (const segment of rel.split('/')) {
    walked.push(segment);
    const next = join(current, segment);
    const kind = await lstat(next).then(
      (stats) => stats,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    );
    if (kind === undefined) {
      if (!create) return { root, real: undefined };
      await mkdir(next);
    }
    const real = await realpath(next);
    if (!isInside(root, real) || real === root) {
      throw new GatewayError(
        ErrorCode.ACCESS_DENIED,
        `${walked.join('/')} leads outside the app folder (a symlink); the console writes only inside it`,
        403,
        { file: walked.join('/') },
      );
    }
    if (!(await lstat(real)).isDirectory()) {
      throw new GatewayError(ErrorCode.CONFLICT, `${walked.join('/')} is a file, not a folder`, 409, {
        file: walked.join('/'),
      });
    }
    current = real;
  }
  return { root, real: current };
}
