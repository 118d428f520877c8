// The worker thread of checkTypeCode: imports each entry it is given, exactly as the process
// would (the same evaluator, confinement and shared modules — its own copies of them, loaded from
// the installed packages), and reports how each import went. Run by `new Worker`, never imported.
import { parentPort, workerData } from 'node:worker_threads';
import { stackFiles } from '../faults/stackFiles';
import type { CheckMessage, CheckRequest } from './checkTypeCode';
import { CodeConfinement } from './CodeConfinement';
import { ModuleEvaluator } from './ModuleEvaluator';
import { serializeError } from './serializedError';
import { sharedModules } from './sharedModules';
import { transpile } from './transpile';

const port = parentPort as NonNullable<typeof parentPort>;
const post = (message: CheckMessage): void => port.postMessage(message);

/** An entry being checked: the files it read, and the first error that escaped from its code. */
interface Checking {
  entry: string;
  files: Set<string>;
  escaped?: { error: unknown; origin: NodeJS.UncaughtExceptionOrigin };
}

let current: Checking | undefined;
const checkedFiles = new Set<string>();

// This thread runs nothing but the code it checks, so an error escaping now is that code's. One
// whose stack names only files of an entry checked before is left alone: that code runs in the
// process too, where such an error is its element's (faults/TypeCodeFaults). Rejections come here
// as well: the thread runs with Node's default, which raises them as uncaught exceptions.
process.on('uncaughtException', (error, origin) => {
  if (current === undefined) return;
  const named = stackFiles(error).filter((file) => checkedFiles.has(file));
  if (named.length > 0 && !named.some((file) => current?.files.has(file))) return;
  current.escaped ??= { error, origin };
});

async function main(): Promise<void> {
  const { appDir, entries } = workerData as CheckRequest;
  // Loaded before any entry's clock starts: the runtime's modules, and the transpiler.
  const shared = sharedModules();
  transpile('', 'warm-up.ts');
  post({ kind: 'ready' });
  const evaluator = new ModuleEvaluator(shared, new CodeConfinement(appDir, shared.keys()));
  for (const entry of entries) {
    const checking: Checking = { entry, files: new Set() };
    current = checking;
    post({ kind: 'start', entry });
    try {
      evaluator.load(entry, {
        onRead: (file, hash) => {
          checking.files.add(file);
          checkedFiles.add(file);
          post({ kind: 'read', file, hash });
        },
      });
      // A turn of the event loop: by then a promise the import rejected and left unhandled has
      // been reported. Timers it set are the process's to watch.
      await new Promise((resolve) => setImmediate(resolve));
      const escaped = checking.escaped;
      post({
        kind: 'done',
        entry,
        ...(escaped === undefined
          ? {}
          : { failure: { how: 'escaped', origin: escaped.origin, error: serializeError(escaped.error) } }),
      });
    } catch (error) {
      post({ kind: 'done', entry, failure: { how: 'threw', error: serializeError(error) } });
    }
  }
  current = undefined;
  // Ends the thread, and with it whatever the checked code left running.
  process.exit(0);
}

void main();
