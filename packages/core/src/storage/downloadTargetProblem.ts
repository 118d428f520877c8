import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ArgumentProblem } from './argumentProblem';

/**
 * What keeps `downloadToFile` from writing at `path` (its folder missing, or `path` itself a
 * folder), or undefined. One check for both official Types, made before anything is fetched or
 * copied, so a bad path is refused alike by each; downloadToFileProblem checks only its shape.
 */
export async function downloadTargetProblem(path: string): Promise<ArgumentProblem | undefined> {
  const folder = dirname(path);
  if ((await stat(folder).catch(() => undefined))?.isDirectory() !== true) {
    return { field: 'path', detail: `path's folder ${folder} does not exist` };
  }
  if ((await stat(path).catch(() => undefined))?.isDirectory() === true) {
    return { field: 'path', detail: `path ${path} is a folder` };
  }
  return undefined;
}
