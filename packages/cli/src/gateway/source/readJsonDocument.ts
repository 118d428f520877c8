import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { ElementError, ErrorCode } from '@mti/core';
import { readJsonFile } from '@mti/loader';
import { GatewayError } from '../GatewayError';
import { isInside } from './isInside';

/**
 * Parses `<folder>/<name>` (`folder` a real path inside the app folder `root`), or returns
 * undefined when there is no such file. A file that links outside the app folder is refused,
 * like one the loader would not read. The reading itself is the loader's (`readJsonFile`: its
 * size limit, its refusal of non-files, its line-and-column message that never quotes the text),
 * so the console sees a file exactly as the loader does; its refusals are 409 here.
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
  if (!isInside(root, real)) {
    throw new GatewayError(
      ErrorCode.ACCESS_DENIED,
      `${where.element}: ${where.file}: links outside the app folder`,
      403,
      where,
    );
  }
  try {
    return await readJsonFile(real, where.file, where.element);
  } catch (error) {
    if (!ElementError.is(error)) throw error;
    throw GatewayError.of(error, 409);
  }
}
