import { readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '@mti/core';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { appFolderOf } from './appFolderOf';
import { appInstance } from './appInstance';
import { confinedFolder } from './confinedFolder';
import { elementFiles } from './elementFiles';
import { holdsTypeCode } from './holdsTypeCode';
import { readJsonDocument } from './readJsonDocument';

/**
 * Removes an app Instance's folder. Refused for built-ins, Metas and Types (a folder with code
 * included), for a folder that leads outside the app, and for one holding folders of its own
 * (other elements may live there). `e.json` goes first: from then on it is no element, even if
 * removing the rest fails.
 */
export async function deleteInstance(app: GatewayApp, fullName: string): Promise<{ fullName: string; deleted: true }> {
  const appDir = appFolderOf(app);
  appInstance(app, fullName, 400);
  const files = elementFiles(fullName);
  const folder = await confinedFolder(appDir, files.folder, false);
  if (folder.real === undefined)
    throw new GatewayError(ErrorCode.NOT_FOUND, `${fullName}: ${files.folder} is gone`, 404, { element: fullName });
  const real = folder.real;
  const declaration = await readJsonDocument(folder.root, real, 'e.json', {
    element: fullName,
    file: files.declaration,
  }).catch(() => undefined);
  if (await holdsTypeCode(real, declaration))
    throw new GatewayError(
      ErrorCode.INVALID_ARGUMENT,
      `${fullName} is a Type (its folder has code); only Instances are deleted here`,
      400,
      { element: fullName },
    );
  const folders = (await readdir(real, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  if (folders.length > 0)
    throw new GatewayError(
      ErrorCode.CONFLICT,
      `${files.folder} holds folders (${folders.map((entry) => entry.name).join(', ')}); move or remove them first`,
      409,
      { element: fullName, file: files.folder },
    );
  await unlink(join(real, 'e.json')).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rm(real, { recursive: true, force: true });
  return { fullName, deleted: true };
}
