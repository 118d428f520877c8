import { ElementError, ErrorCode, parseDeclaration } from '@mti/core';
import type { GatewayApp } from '../GatewayApp';
import { GatewayError } from '../GatewayError';
import { appFolderOf } from './appFolderOf';
import { appInstance } from './appInstance';
import { checkInstanceConfig } from './checkInstanceConfig';
import { confinedFolder } from './confinedFolder';
import { elementFiles } from './elementFiles';
import { holdsTypeCode } from './holdsTypeCode';
import { readJsonDocument } from './readJsonDocument';
import { typeSchemaOf } from './typeSchemaOf';
import { writeFileAtomic } from './writeFileAtomic';

export interface InstanceBody {
  type: string;
  title?: string;
  config: Record<string, unknown>;
  keepSecrets?: string[];
}

export interface WriteResult {
  fullName: string;
  created: boolean;
  files: { declaration: string; config: string };
}

const bad = (message: string, field: string): GatewayError =>
  new GatewayError(ErrorCode.INVALID_ARGUMENT, message, 400, { field });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body of `PUT …/source`, checked for shape: names the first field that is wrong. */
export function instanceBody(value: unknown): InstanceBody {
  if (!isObject(value)) throw bad('the body must be a JSON object { type, title?, config, keepSecrets? }', '');
  const { type, title, config, keepSecrets } = value;
  if (typeof type !== 'string' || type === '') throw bad('type must be the fullName of a Type', 'type');
  if (title !== undefined && typeof title !== 'string') throw bad('title must be a string', 'title');
  if (!isObject(config)) throw bad('config must be a JSON object', 'config');
  if (keepSecrets !== undefined && (!Array.isArray(keepSecrets) || keepSecrets.some((f) => typeof f !== 'string')))
    throw bad('keepSecrets must be a list of field names', 'keepSecrets');
  return {
    type,
    config,
    ...(title === undefined ? {} : { title }),
    ...(keepSecrets === undefined ? {} : { keepSecrets: keepSecrets as string[] }),
  };
}

/**
 * Creates or replaces the app Instance `fullName` from a form: everything is checked first (the
 * name, that nothing but an app Instance is replaced, the Type, the kept secrets, the config
 * against the Type's schema with the server's env, the declaration), then the config file is
 * written and then `e.json`, each atomically and only inside the app folder. `e.json` last: the
 * watcher sees a new element once it is whole. The watcher then reloads it.
 */
export async function writeInstance(app: GatewayApp, fullName: string, body: InstanceBody): Promise<WriteResult> {
  const appDir = appFolderOf(app);
  const segments = fullName.split('.');
  if (segments.length < 2)
    throw new GatewayError(
      ErrorCode.INVALID_ARGUMENT,
      `"${fullName}" must be <group>.<Name>, such as storages.MyS3: Instances live in a group folder`,
      400,
      { element: fullName },
    );
  const elements = app.listElements();
  const existing = elements.find((element) => element.fullName === fullName);
  if (existing !== undefined) appInstance(app, fullName, 400);
  const parent = elements.find((element) => fullName.startsWith(`${element.fullName}.`));
  if (parent !== undefined)
    throw new GatewayError(
      ErrorCode.INVALID_ARGUMENT,
      `${fullName} would be inside the folder of the element ${parent.fullName}; choose another group`,
      400,
      { element: fullName },
    );
  const type = elements.find((element) => element.fullName === body.type);
  if (type?.kind !== 'type')
    throw bad(
      type === undefined
        ? `there is no Type "${body.type}" in this app`
        : `${body.type} is ${type.kind === 'meta' ? 'a Meta' : 'an Instance'}; an Instance's type must be a Type`,
      'type',
    );
  const schema = typeSchemaOf(app, body.type);
  for (const field of body.keepSecrets ?? [])
    if (!schema.secretFields.includes(field))
      throw bad(`keepSecrets: "${field}" is not a secret field of ${body.type}`, 'keepSecrets');

  const files = elementFiles(fullName);
  const leaf = segments[segments.length - 1] as string;
  const where = { element: fullName };
  const folder = await confinedFolder(appDir, files.folder, false);
  let oldDeclaration: unknown;
  let oldConfig: unknown;
  if (folder.real !== undefined) {
    oldDeclaration = await readJsonDocument(folder.root, folder.real, 'e.json', { ...where, file: files.declaration });
    if (await holdsTypeCode(folder.real, oldDeclaration))
      throw new GatewayError(
        ErrorCode.INVALID_ARGUMENT,
        `${fullName} is a Type (its folder has code); only Instances are written here`,
        400,
        where,
      );
    if ((body.keepSecrets ?? []).length > 0)
      oldConfig = await readJsonDocument(folder.root, folder.real, `${leaf}.json`, { ...where, file: files.config });
  }
  const config: Record<string, unknown> = { ...body.config };
  for (const field of body.keepSecrets ?? []) {
    if (!isObject(oldConfig) || !Object.hasOwn(oldConfig, field))
      throw bad(`keepSecrets: ${files.config} has no "${field}" to keep`, 'keepSecrets');
    config[field] = oldConfig[field];
  }
  checkInstanceConfig(schema, config, app.configEnv?.() ?? process.env, { ...where, file: files.config });

  const declaration: Record<string, unknown> = isObject(oldDeclaration)
    ? { ...oldDeclaration, type: body.type, ...(body.title === undefined ? {} : { title: body.title }) }
    : { title: body.title ?? leaf, type: body.type };
  try {
    parseDeclaration(declaration, { element: fullName, file: files.declaration });
  } catch (error) {
    if (!ElementError.is(error)) throw error;
    throw GatewayError.of(error, 400);
  }

  const created = oldDeclaration === undefined;
  const target = await confinedFolder(appDir, files.folder, true);
  const real = target.real as string;
  // The config may hold literal secrets: a new one is readable by its owner only.
  await writeFileAtomic(real, `${leaf}.json`, `${JSON.stringify(config, null, 2)}\n`, 0o600);
  await writeFileAtomic(real, 'e.json', `${JSON.stringify(declaration, null, 2)}\n`, 0o644);
  return { fullName, created, files: { declaration: files.declaration, config: files.config } };
}
