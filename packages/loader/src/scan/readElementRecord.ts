import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  ElementError,
  entryOutsideApp,
  ErrorCode,
  noTypeClass,
  typeCodeFailed,
  unreadableFolder,
  type ElementClass,
  type ElementRecord,
} from '@mti/core';
import { findCodeEntry } from '../code/findCodeEntry';
import type { TypeCodeCache } from '../code/TypeCodeCache';
import { readJsonFile } from './readJsonFile';

export interface ReadElement {
  record: ElementRecord;
  /** Absolute paths of the code files the element's class was built from. */
  codeFiles: ReadonlySet<string>;
}

/**
 * Reads one element folder into a record for core: `e.json`, `<Name>.json`, and the class its
 * `backendBundleEntry` exports. Never throws: a problem travels in `record.problem`, so one
 * broken folder leaves the others loading. Undefined when the folder or its `e.json` is gone;
 * a folder or file that cannot be read is a problem instead, so that the element's last good
 * version keeps serving.
 */
export async function readElementRecord(
  appDir: string,
  folder: string,
  code: TypeCodeCache,
): Promise<ReadElement | undefined> {
  const leaf = folder.split('/').pop() as string;
  const element = folder.split('/').join('.');
  const files = { declaration: `${folder}/e.json`, config: `${folder}/${leaf}.json` };
  const record: ElementRecord = { folder, files };
  let codeFiles: ReadonlySet<string> = new Set();
  try {
    // Started together, each answered in the order a sequential read would: the reads wait in
    // libuv's file threads behind whatever else the process reads and writes (an in-process S3
    // server, a disk storage), so one round of waits instead of three keeps a reload quick.
    const settled = (read: Promise<unknown>): Promise<() => unknown> =>
      read.then(
        (value) => () => value,
        (error: unknown) => () => {
          throw error;
        },
      );
    const [readable, declaration, config] = await Promise.all([
      settled(readableFolder(appDir, folder, element)),
      settled(readJsonFile(join(appDir, files.declaration), files.declaration, element)),
      settled(readJsonFile(join(appDir, files.config), files.config, element)),
    ]);
    if (readable() === false) return undefined;
    record.declaration = declaration();
    if (record.declaration === undefined) return undefined;
    record.config = config();
    const declared = record.declaration as { type?: unknown; backendBundleEntry?: unknown } | null;
    const entry =
      typeof declared?.backendBundleEntry === 'string' && declared.backendBundleEntry !== ''
        ? declared.backendBundleEntry
        : '.';
    const found = findCodeEntry(appDir, join(appDir, folder), entry);
    if (found.kind === 'outside') throw entryOutsideApp({ element, file: files.declaration }, entry);
    if (found.kind === 'file') {
      const codeFile = relative(appDir, found.file).split('\\').join('/');
      Object.assign(files, { code: codeFile });
      const loaded = loadClass(code, found.file, codeFile, element);
      record.implementation = loaded.implementation;
      codeFiles = loaded.files;
    }
  } catch (error) {
    record.problem = ElementError.is(error)
      ? error
      : new ElementError({ code: ErrorCode.UNKNOWN, element, message: `${element}: ${String(error)}`, cause: error });
  }
  return { record, codeFiles };
}

/** False when the folder is gone; throws INVALID_CONFIG naming it when it cannot be read. */
async function readableFolder(appDir: string, folder: string, element: string): Promise<boolean> {
  try {
    await access(join(appDir, folder), constants.R_OK | constants.X_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw unreadableFolder({ element, file: folder }, error);
  }
}

function loadClass(
  code: TypeCodeCache,
  file: string,
  codeFile: string,
  element: string,
): { implementation: ElementClass; files: ReadonlySet<string> } {
  let loaded;
  try {
    loaded = code.load(file);
  } catch (error) {
    // Code that loaded, then failed in a timer or a promise of its own (faults/TypeCodeFaults).
    throw typeCodeFailed({ element, file: codeFile }, error, code.faultOf(file) === error);
  }
  const exported = loaded.exports as { default?: unknown } | undefined;
  const candidate = exported?.default ?? exported;
  if (typeof candidate !== 'function') throw noTypeClass({ element, file: codeFile });
  return { implementation: candidate as ElementClass, files: new Set(loaded.files.keys()) };
}
