import { ErrorCode, notAJsonObject } from '@mti/core';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { appFolderOf } from './appFolderOf';
import { appInstance } from './appInstance';
import { confinedFolder } from './confinedFolder';
import { elementFiles } from './elementFiles';
import { holdsTypeCode } from './holdsTypeCode';
import { isPureReference } from './isPureReference';
import { readJsonDocument } from './readJsonDocument';
import { secretFieldsOf } from './secretFieldsOf';

export interface InstanceSource {
  fullName: string;
  type: string;
  title: string;
  files: { declaration: string; config: string };
  declaration: object;
  config: object | null;
  hiddenSecrets: string[];
}

/**
 * An app Instance's `e.json` and config as they are on disk, for editing, except secret fields
 * holding a literal value: those are left out and named in `hiddenSecrets` (a save can keep
 * them with `keepSecrets`). A `${VAR}` reference is shown as written. Works for an Instance in
 * error as long as its files parse.
 */
export async function readInstanceSource(app: GatewayApp, fullName: string): Promise<InstanceSource> {
  const appDir = appFolderOf(app);
  const element = appInstance(app, fullName, 404);
  const files = elementFiles(fullName);
  const where = { element: fullName };
  const folder = await confinedFolder(appDir, files.folder, false);
  const gone = (): GatewayError =>
    new GatewayError(ErrorCode.NOT_FOUND, `${fullName}: ${files.declaration} is gone`, 404, {
      ...where,
      file: files.declaration,
    });
  if (folder.real === undefined) throw gone();
  const declaration = await readJsonDocument(folder.root, folder.real, 'e.json', {
    ...where,
    file: files.declaration,
  });
  if (declaration === undefined) throw gone();
  if (typeof declaration !== 'object' || declaration === null || Array.isArray(declaration))
    throw GatewayError.of(notAJsonObject({ ...where, file: files.declaration }), 409);
  if (await holdsTypeCode(folder.real, declaration))
    throw new GatewayError(
      ErrorCode.NOT_FOUND,
      `${fullName} is a Type (its folder has code), not an Instance`,
      404,
      where,
    );
  const leaf = files.config.split('/').pop() as string;
  const onDisk = await readJsonDocument(folder.root, folder.real, leaf, { ...where, file: files.config });
  const declared = declaration as { type?: unknown; title?: unknown };
  const type = typeof declared.type === 'string' ? declared.type : element.type;
  const title = typeof declared.title === 'string' ? declared.title : element.title;
  const hiddenSecrets: string[] = [];
  let config: object | null = null;
  if (onDisk !== undefined) {
    if (typeof onDisk !== 'object' || onDisk === null || Array.isArray(onDisk))
      throw GatewayError.of(notAJsonObject({ ...where, file: files.config }), 409);
    const shown: Record<string, unknown> = { ...(onDisk as Record<string, unknown>) };
    for (const field of secretFieldsOf(app, type)) {
      if (!Object.hasOwn(shown, field) || isPureReference(shown[field])) continue;
      delete shown[field];
      hiddenSecrets.push(field);
    }
    config = shown;
  }
  return {
    fullName,
    type,
    title,
    files: { declaration: files.declaration, config: files.config },
    declaration,
    config,
    hiddenSecrets,
  };
}
