import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ElementError,
  ErrorCode,
  type App,
  type ElementAppApi,
  type ElementChange,
  type ElementFunction,
  type ElementInfo,
  type Logger,
} from '@mti/core';
import type { FSWatcher } from 'chokidar';
import type { TypeCodeCache } from './code/TypeCodeCache';
import { findElementFolders } from './scan/findElementFolders';
import { readElementRecord, type ReadElement } from './scan/readElementRecord';
import { ChangeBatcher } from './watch/ChangeBatcher';
import { watchApp } from './watch/watchApp';

/** chokidar drops further `change` events of a file for this long after one (no trailing event). */
const CHOKIDAR_THROTTLE_MS = 50;

export interface ReloadEvent {
  fullName: string;
  status: ElementChange['status'];
  /** From the first file event of the burst to the new version serving. */
  ms: number;
  error?: ElementError;
}

export interface LoaderErrorEvent {
  fullName?: string;
  error: ElementError;
}

export interface LoadedAppInit {
  appDir: string;
  app: App;
  records: Map<string, ReadElement>;
  code: TypeCodeCache;
  env: () => Readonly<Record<string, string | undefined>>;
  logger: Logger;
  beforeReload?: () => Promise<void> | void;
}

export interface LoadedAppEvents {
  reload: [ReloadEvent];
  error: [LoaderErrorEvent];
}

/** A core app kept in step with its folder: what `loadApp` returns. */
export class LoadedApp extends EventEmitter<LoadedAppEvents> implements ElementAppApi {
  readonly appDir: string;
  readonly #app: App;
  readonly #records: Map<string, ReadElement>;
  readonly #code: TypeCodeCache;
  readonly #env: () => Readonly<Record<string, string | undefined>>;
  readonly #logger: Logger;
  readonly #beforeReload: (() => Promise<void> | void) | undefined;
  /** Reloads waiting for `beforeReload`, in order; `close()` waits for them. */
  #reloads: Promise<void> = Promise.resolve();
  readonly #batcher = new ChangeBatcher(
    { quietMs: 15, minDelayMs: CHOKIDAR_THROTTLE_MS + 5, maxWaitMs: 250 },
    (paths, firstAt, lastAt) => this.#onBatch(paths, firstAt, lastAt),
  );
  readonly #secondLooks = new Set<NodeJS.Timeout>();
  #watcher: FSWatcher | undefined;
  #closing: Promise<void> | undefined;

  /** @internal Use `loadApp`. */
  constructor(init: LoadedAppInit) {
    super();
    this.appDir = init.appDir;
    this.#app = init.app;
    this.#records = init.records;
    this.#code = init.code;
    this.#env = init.env;
    this.#logger = init.logger;
    this.#beforeReload = init.beforeReload;
  }

  get name(): string {
    return this.#app.name;
  }

  get watching(): boolean {
    return this.#watcher !== undefined;
  }

  getElement<T = unknown>(fullName: string): T {
    return this.#app.getElement<T>(fullName);
  }

  listElements(): ElementInfo[] {
    return this.#app.listElements();
  }

  functionsOf(fullName: string): Map<string, ElementFunction> {
    return this.#app.functionsOf(fullName);
  }

  /** Stops the watcher, then closes the app: in-flight calls drain, instances are disposed. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#batcher.cancel();
      for (const timer of this.#secondLooks) clearTimeout(timer);
      this.#secondLooks.clear();
      await this.#watcher?.close();
      this.#watcher = undefined;
      await this.#reloads;
      await this.#app.close();
    })();
    return this.#closing;
  }

  /** @internal */
  async startWatching(): Promise<void> {
    this.#watcher = await watchApp(
      this.appDir,
      (path) => this.#batcher.push(path),
      (error) =>
        this.#report({
          error: new ElementError({ code: ErrorCode.UNKNOWN, message: `file watcher: ${String(error)}`, cause: error }),
        }),
    );
  }

  #onBatch(paths: Set<string>, firstAt: number, lastAt: number): void {
    if (this.#closing !== undefined) return;
    const folders = new Set<string>();
    for (const path of paths) {
      const rel = relative(this.appDir, path).split('\\').join('/');
      if (rel === 'app.json') {
        this.#report({
          error: new ElementError({
            code: ErrorCode.INVALID_CONFIG,
            file: 'app.json',
            message: 'app.json changed: restart the app to load its Type packages again',
          }),
        });
        continue;
      }
      for (const folder of this.#foldersTouchedBy(rel, path)) folders.add(folder);
    }
    if (folders.size === 0) return;
    this.#reload(folders, firstAt);
    // chokidar may have swallowed a write that came within 50 ms of one of these events; once
    // every such window has passed, read the same folders once more. Unchanged ones cost a
    // file read and give no reload.
    const wait = Math.max(0, lastAt + CHOKIDAR_THROTTLE_MS + 10 - performance.now());
    const timer = setTimeout(() => {
      this.#secondLooks.delete(timer);
      if (this.#closing === undefined) this.#reload(folders, lastAt + CHOKIDAR_THROTTLE_MS);
    }, wait);
    this.#secondLooks.add(timer);
  }

  /** Element folders a changed path may affect; the caller re-reads them from disk. */
  #foldersTouchedBy(rel: string, abs: string): Set<string> {
    const touched = new Set<string>();
    const parts = rel.split('/');
    // The element the path belongs to: its nearest folder that is, or was, an element.
    for (let i = parts.length; i >= 1; i--) {
      const folder = parts.slice(0, i).join('/');
      if (this.#records.has(folder) || existsSync(join(this.appDir, folder, 'e.json'))) {
        touched.add(folder);
        break;
      }
    }
    // Elements inside a folder that appeared, vanished or was renamed.
    for (const folder of this.#records.keys()) if (folder.startsWith(`${rel}/`)) touched.add(folder);
    if (isDirectory(abs)) for (const folder of findElementFolders(this.appDir, rel)) touched.add(folder);
    // Types whose code imports this file from elsewhere in the app.
    for (const [folder, read] of this.#records) if (read.codeFiles.has(abs)) touched.add(folder);
    return touched;
  }

  /** Applies at once, or after `beforeReload` and every reload queued before this one. */
  #reload(folders: Set<string>, firstAt: number): void {
    const before = this.#beforeReload;
    if (before === undefined) {
      this.#apply(folders, firstAt);
      return;
    }
    this.#reloads = this.#reloads.then(async () => {
      if (this.#closing !== undefined) return;
      try {
        await before();
      } catch (error) {
        this.#report({
          error: new ElementError({
            code: ErrorCode.UNKNOWN,
            message: `before reload: ${error instanceof Error ? error.message : String(error)}`,
            cause: error,
          }),
        });
      }
      if (this.#closing === undefined) this.#apply(folders, firstAt);
    });
  }

  #apply(folders: Set<string>, firstAt: number): ElementChange[] {
    for (const folder of folders) {
      if (existsSync(join(this.appDir, folder, 'e.json')))
        this.#records.set(folder, readElementRecord(this.appDir, folder, this.#code));
      else this.#records.delete(folder);
    }
    const changes = this.#app.update(
      [...this.#records.values()].map((read) => read.record),
      this.#env(),
    );
    const ms = Math.round((performance.now() - firstAt) * 10) / 10;
    for (const change of changes) {
      this.#logger.info(
        { element: change.fullName, status: change.status, ms },
        `reload ${change.fullName}: ${change.status}`,
      );
      this.emit('reload', { ...change, ms } satisfies ReloadEvent);
      if (change.error !== undefined) this.#report({ fullName: change.fullName, error: change.error });
    }
    return changes;
  }

  #report(event: LoaderErrorEvent): void {
    this.#logger.error({ element: event.fullName, error: event.error }, event.error.message);
    // An 'error' event without listeners would throw and take the process down.
    if (this.listenerCount('error') > 0) this.emit('error', event);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
