import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createApp, createDebugLogger, ElementError, ErrorCode, missingAppFolder } from '@mti/core';
import { readAppJson } from './appJson/readAppJson';
import { checkTypeCode } from './code/checkTypeCode';
import { CodeConfinement } from './code/CodeConfinement';
import { ModuleEvaluator } from './code/ModuleEvaluator';
import { sharedModules } from './code/sharedModules';
import { TypeCodeCache } from './code/TypeCodeCache';
import { LoadedApp } from './LoadedApp';
import { officialRegistrations } from './official/officialPackages';
import { registrationsProblems } from './official/registrationProblem';
import type { LoadAppOptions } from './LoadAppOptions';
import { readWithCheckedCode } from './readWithCheckedCode';
import type { ReadElement } from './scan/readElementRecord';
import { scanAppFolder } from './scan/scanAppFolder';

const DEFAULT_TYPE_LOAD_TIMEOUT_MS = 5_000;

/**
 * Turns an app folder into a running app: every folder holding an `e.json` becomes an element,
 * the official Types (and those of `app.json`'s packages) are available, and with `watch` the
 * app follows its files.
 */
export async function loadApp(appDir: string, options: LoadAppOptions = {}): Promise<LoadedApp> {
  const root = resolve(appDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw missingAppFolder(root);
  if (options.registrations !== undefined) {
    const problems = registrationsProblems(options.registrations);
    if (problems.length > 0) {
      throw new ElementError({
        code: ErrorCode.INVALID_ARGUMENT,
        field: 'registrations',
        message: `loadApp: options.registrations holds what is not a registration: ${problems.join('; ')}`,
      });
    }
  }
  const name = options.name ?? basename(root);
  const logger = options.logger ?? createDebugLogger(`mti:${name}`);
  const env = (): Readonly<Record<string, string | undefined>> => options.env ?? process.env;
  const shared = sharedModules();
  // Type code in element folders loads only from the app folder; the Type packages app.json
  // names are dependencies the app declares, found where Node finds them (the project around
  // the app folder included).
  const confinement = new CodeConfinement(root, shared.keys());
  const timeoutMs = options.typeLoadTimeoutMs ?? DEFAULT_TYPE_LOAD_TIMEOUT_MS;
  const code = new TypeCodeCache(new ModuleEvaluator(shared, confinement), (entries) =>
    checkTypeCode(root, entries, timeoutMs, (file) => confinement.describe(file)),
  );
  const packages = new ModuleEvaluator(shared, undefined);
  const records = new Map<string, ReadElement>();
  const scan = scanAppFolder(root);
  for (const [folder, read] of await readWithCheckedCode(root, scan.folders, code)) {
    if (read !== undefined) records.set(folder, read);
  }
  const app = createApp({
    name,
    registrations: [
      ...officialRegistrations(),
      ...(options.registrations ?? []),
      ...(await readAppJson(root, packages)),
    ],
    elements: [...records.values()].map((read) => read.record),
    env: env(),
    logger,
    closeTimeoutMs: options.closeTimeoutMs,
  });
  const loaded = new LoadedApp({
    appDir: root,
    app,
    records,
    scan,
    code,
    env,
    logger,
    ...(options.beforeReload === undefined ? {} : { beforeReload: options.beforeReload }),
  });
  if (options.watch === true) await loaded.startWatching();
  return loaded;
}
