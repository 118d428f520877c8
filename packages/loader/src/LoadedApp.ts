import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  appJsonChanged,
  ElementError,
  ErrorCode,
  type App,
  type ElementAppApi,
  type ElementChange,
  type ElementFunction,
  type ElementInfo,
  type Logger,
} from '@mti/core';
import type { TypeCodeCache } from './code/TypeCodeCache';
import { planFault } from './faults/planFault';
import { TypeCodeFaults, type TypeCodeFault } from './faults/TypeCodeFaults';
import { readFolders, readWithCheckedCode } from './readWithCheckedCode';
import type { ReadElement } from './scan/readElementRecord';
import { scanAppFolder, type AppFolderScan } from './scan/scanAppFolder';
import { ChangeBatcher } from './watch/ChangeBatcher';
import { watchApp, type AppWatch } from './watch/watchApp';

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
  /** The scan the records were read from. */
  scan: AppFolderScan;
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
  readonly #faults: TypeCodeFaults;
  readonly #env: () => Readonly<Record<string, string | undefined>>;
  readonly #logger: Logger;
  readonly #beforeReload: (() => Promise<void> | void) | undefined;
  /** Reloads in order (after `beforeReload`, or a restart of the watcher); `close()` waits for them. */
  #reloads: Promise<void> = Promise.resolve();
  readonly #batcher = new ChangeBatcher(
    { quietMs: 15, minDelayMs: CHOKIDAR_THROTTLE_MS + 5, maxWaitMs: 250 },
    (paths, firstAt) => this.#onBatch(paths, firstAt),
  );
  #watch: AppWatch | undefined;
  /** Device and inode of the app folder the watcher follows. */
  #identity: string | undefined;
  #scan: AppFolderScan;
  /** Warnings of the latest scan, each reported once while it lasts. */
  #warnings: ElementError[] = [];
  #closing: Promise<void> | undefined;

  /** @internal Use `loadApp`. */
  constructor(init: LoadedAppInit) {
    super();
    this.appDir = init.appDir;
    this.#app = init.app;
    this.#records = init.records;
    this.#code = init.code;
    this.#faults = new TypeCodeFaults(init.code, (fault) => this.#onFault(fault));
    this.#env = init.env;
    this.#logger = init.logger;
    this.#beforeReload = init.beforeReload;
    this.#scan = init.scan;
    this.#identity = init.scan.identity;
    this.#noteWarnings(init.scan);
  }

  get name(): string {
    return this.#app.name;
  }

  get watching(): boolean {
    return this.#watch !== undefined;
  }

  /**
   * What the latest scan of the app folder did not walk, and why: symlinks not followed (loops,
   * second paths, links leading outside the app) and folders that cannot be read. None makes an
   * element fail; each is logged as a warning, and while watching also reported as an `error`
   * event when it appears.
   */
  get warnings(): readonly ElementError[] {
    return this.#warnings;
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

  /** A Meta's or Type's config schema and secret fields (core's `App.configSchemaOf`). */
  configSchemaOf(fullName: string): ReturnType<App['configSchemaOf']> {
    return this.#app.configSchemaOf(fullName);
  }

  /** The variables `${VAR}` in configs resolve from, as the next reload will read them. */
  configEnv(): Readonly<Record<string, string | undefined>> {
    return this.#env();
  }

  /** Stops the watcher, then closes the app: in-flight calls drain, instances are disposed. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#batcher.cancel();
      await this.#watch?.close();
      this.#watch = undefined;
      await this.#reloads;
      await this.#app.close();
      this.#faults.stop();
    })();
    return this.#closing;
  }

  /** @internal */
  async startWatching(scan: AppFolderScan = this.#scan): Promise<void> {
    this.#watch = await watchApp(
      this.appDir,
      scan.links,
      (path) => this.#batcher.push(path),
      (error) =>
        this.#report({
          error: new ElementError({ code: ErrorCode.UNKNOWN, message: `file watcher: ${String(error)}`, cause: error }),
        }),
    );
  }

  #onBatch(paths: Set<string>, firstAt: number): void {
    if (this.#closing !== undefined) return;
    const folders = new Set<string>();
    const rels = new Set<string>();
    for (const path of paths) {
      const rel = relative(this.appDir, path).split('\\').join('/');
      // The app folder itself: the scan every batch ends with looks at it.
      if (rel === '') continue;
      rels.add(rel);
      if (rel === 'app.json') {
        this.#report({ error: appJsonChanged() });
        continue;
      }
      for (const folder of this.#foldersTouchedBy(rel, path)) folders.add(folder);
    }
    // Even with no element touched: the events may be all there is of a folder renamed or made.
    this.#reload(folders, rels, firstAt);
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
    // Elements inside a folder that vanished or was renamed; the scan finds those that appeared.
    for (const folder of this.#records.keys()) if (folder.startsWith(`${rel}/`)) touched.add(folder);
    // Types whose code imports this file from elsewhere in the app.
    for (const [folder, read] of this.#records) if (read.codeFiles.has(abs)) touched.add(folder);
    return touched;
  }

  /** Queues a sync after every sync queued before it. */
  #reload(folders: Set<string>, paths: ReadonlySet<string>, firstAt: number): void {
    this.#queue(() => this.#sync(folders, paths, firstAt));
  }

  /** Runs `work` after all work queued before it, unless the app is closing by then. */
  #queue(work: () => Promise<void>): void {
    this.#reloads = this.#reloads
      .then(async () => {
        if (this.#closing === undefined) await work();
      })
      .catch((error: unknown) =>
        this.#report({
          error: new ElementError({
            code: ErrorCode.UNKNOWN,
            message: `reload: ${error instanceof Error ? error.message : String(error)}`,
            cause: error,
          }),
        }),
      );
  }

  /**
   * Reads the touched folders again, and makes the set of elements that of a fresh scan of the
   * app folder. The scan is what makes the end state match the disk: events are only hints, and
   * in a burst of folder renames chokidar can report none for the last one (a batch that chose
   * its folders from the events once left `grp.A` missing after `grp2` was renamed back), while
   * the fs.watch notification passed on as a `raw` event still starts this batch.
   *
   * When folders themselves changed (`paths` names one walked before or now), or the app folder
   * was made anew (removed and created, or renamed over), chokidar's watches may not be where
   * its bookkeeping says (after a burst of renames it can list a folder it no longer watches, or
   * watch the deleted app folder): the watcher starts over from the disk, and every element is
   * read again, since what changed meanwhile reached no watcher.
   */
  async #sync(touched: Set<string>, paths: ReadonlySet<string>, firstAt: number): Promise<void> {
    let scan = scanAppFolder(this.appDir);
    const folders = new Set(touched);
    const walked = new Set([...this.#scan.walked, ...scan.walked]);
    const moved = scan.identity !== this.#identity || [...paths].some((path) => walked.has(path));
    if (this.#watch !== undefined && scan.identity !== undefined && moved) {
      // A folder renamed while the new watcher walks the disk may reach no watcher at all: the
      // old one is closed, the new one has not seen it yet. The scan after the restart shows it,
      // and then the watcher starts over again, until the disk held still through one start.
      for (let round = 1; ; round++) {
        await this.#restartWatch(scan);
        if (this.#closing !== undefined) return;
        const after = scanAppFolder(this.appDir);
        const held = after.identity === scan.identity && sameFolders(after.walked, scan.walked);
        scan = after;
        if (held || round === RESTART_ROUNDS || scan.identity === undefined) break;
      }
      for (const folder of this.#records.keys()) folders.add(folder);
      for (const folder of scan.folders) folders.add(folder);
    }
    // Seen gone, the folder that comes back is a new one, even should it get the same inode.
    if (scan.identity === undefined) this.#identity = undefined;
    this.#scan = scan;
    this.#noteWarnings(scan);
    const found = new Set(scan.folders);
    for (const folder of found) if (!this.#records.has(folder)) folders.add(folder);
    for (const folder of this.#records.keys()) if (!found.has(folder)) folders.add(folder);
    if (folders.size === 0) return;
    await this.#runBeforeReload();
    // New Type code they import is imported in a worker thread first (readWithCheckedCode).
    const reading = [...folders].filter((folder) => found.has(folder));
    if (this.#closing === undefined) await readWithCheckedCode(this.appDir, reading, this.#code);
    if (this.#closing === undefined) await this.#apply(folders, firstAt, found, scan.unreadable);
  }

  /** `beforeReload`, when given: a failure is reported, and the reload goes ahead. */
  async #runBeforeReload(): Promise<void> {
    if (this.#beforeReload === undefined) return;
    try {
      await this.#beforeReload();
    } catch (error) {
      this.#report({
        error: new ElementError({
          code: ErrorCode.UNKNOWN,
          message: `before reload: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
        }),
      });
    }
  }

  async #restartWatch(scan: AppFolderScan): Promise<void> {
    const old = this.#watch;
    this.#watch = undefined;
    await old?.close();
    if (this.#closing !== undefined) return;
    await this.startWatching(scan);
    this.#identity = scan.identity;
    // close() may have come while chokidar got ready, and found no watcher to stop.
    const started = this.#watch as AppWatch | undefined;
    if (this.#closing !== undefined) await started?.close();
  }

  /**
   * Re-reads `folders`: those the scan found, and those under a folder it could not read (their
   * last good version keeps serving, with the error). Any other folder is no element any more.
   */
  async #apply(
    folders: Set<string>,
    firstAt: number,
    found: ReadonlySet<string>,
    unreadable: readonly string[],
  ): Promise<void> {
    const reads = new Map<string, ReadElement | undefined>();
    const readable = [...folders].filter(
      (folder) => found.has(folder) || unreadable.some((dir) => isUnder(folder, dir)),
    );
    await readFolders(this.appDir, readable, this.#code, reads);
    // Reading took turns of the event loop: close() may have come meanwhile.
    if (this.#closing !== undefined) return;
    for (const folder of folders) {
      const read = reads.get(folder);
      if (read === undefined) this.#records.delete(folder);
      else this.#records.set(folder, read);
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
  }

  /**
   * Logs the scan's warnings as they appear (and, while watching, emits them as `error` events).
   * A folder that cannot be read but holds known elements is left to their own errors.
   */
  #noteWarnings(scan: AppFolderScan): void {
    const known = [...this.#records.keys()];
    const warnings = scan.warnings.filter(
      (warning) =>
        !scan.unreadable.some(
          (dir) => (warning.file === dir || (dir === '' && warning.file === '.')) && known.some((f) => isUnder(f, dir)),
        ),
    );
    const before = new Set(this.#warnings.map((warning) => warning.message));
    this.#warnings = warnings;
    for (const warning of warnings) {
      if (before.has(warning.message)) continue;
      this.#logger.warn({ file: warning.file }, warning.message);
      if (this.#watch !== undefined && this.listenerCount('error') > 0) this.emit('error', { error: warning });
    }
  }

  /**
   * An error escaped from Type code after its import. The Types it came from are in error until
   * their code changes, serving their last good version (imported before the one that faulted),
   * if any. Applied after the uncaught-error listener returns: an `error` listener that throws
   * then is the host's own uncaught error, not one taken for the Type's.
   */
  #onFault(fault: TypeCodeFault): void {
    const plan = planFault(fault, this.appDir, this.#records, this.#code);
    queueMicrotask(() => {
      if (plan.error === undefined) return;
      if (plan.folders.size === 0 || this.#closing !== undefined) {
        this.#report({ error: plan.error });
        return;
      }
      if (plan.fallback !== undefined) this.#app.update(plan.fallback, this.#env());
      // Reading the folders again takes turns of the event loop: queued after any reload
      // running, as two reads applied at once could each undo the other's records.
      const at = performance.now();
      this.#queue(() => this.#apply(plan.folders, at, plan.folders, []));
    });
  }

  #report(event: LoaderErrorEvent): void {
    this.#logger.error({ element: event.fullName, error: event.error }, event.error.message);
    // An 'error' event without listeners would throw and take the process down.
    if (this.listenerCount('error') > 0) this.emit('error', event);
  }
}

/** Watcher starts in one sync while folders keep moving; the next event starts another sync. */
const RESTART_ROUNDS = 3;

/** Whether two scans walked the same folders. */
function sameFolders(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const seen = new Set(a);
  return b.every((folder) => seen.has(folder));
}

/** Whether `folder` is `dir` or inside it (`''` being the app folder). */
function isUnder(folder: string, dir: string): boolean {
  return dir === '' || folder === dir || folder.startsWith(`${dir}/`);
}
