import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createApp, createDebugLogger, ElementError, ErrorCode } from '@mti/core';
import { registrations as officialTypes } from '@mti/type-aws-s3';
import { readAppJson } from './appJson/readAppJson';
import { ModuleEvaluator } from './code/ModuleEvaluator';
import { sharedModules } from './code/sharedModules';
import { TypeCodeCache } from './code/TypeCodeCache';
import { LoadedApp } from './LoadedApp';
import type { LoadAppOptions } from './LoadAppOptions';
import { findElementFolders } from './scan/findElementFolders';
import { readElementRecord, type ReadElement } from './scan/readElementRecord';

/**
 * Turns an app folder into a running app: every folder holding an `e.json` becomes an element,
 * the official Types (and those of `app.json`'s packages) are available, and with `watch` the
 * app follows its files.
 */
export async function loadApp(appDir: string, options: LoadAppOptions = {}): Promise<LoadedApp> {
  const root = resolve(appDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      file: root,
      message: `app folder ${root} does not exist or is not a folder`,
    });
  }
  const name = options.name ?? basename(root);
  const logger = options.logger ?? createDebugLogger(`mti:${name}`);
  const env = (): Readonly<Record<string, string | undefined>> => options.env ?? process.env;
  const evaluator = new ModuleEvaluator(sharedModules());
  const code = new TypeCodeCache(evaluator);
  const records = new Map<string, ReadElement>();
  for (const folder of findElementFolders(root)) records.set(folder, readElementRecord(root, folder, code));
  const app = createApp({
    name,
    registrations: [...officialTypes, ...readAppJson(root, evaluator)],
    elements: [...records.values()].map((read) => read.record),
    env: env(),
    logger,
  });
  const loaded = new LoadedApp({
    appDir: root,
    app,
    records,
    code,
    env,
    logger,
    ...(options.beforeReload === undefined ? {} : { beforeReload: options.beforeReload }),
  });
  if (options.watch === true) await loaded.startWatching();
  return loaded;
}
