import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ChildError {
  code?: string;
  message: string;
  causeCode?: string;
  file?: string;
}

export type ChildEvent =
  | { kind: 'loaded' }
  | { kind: 'reload'; fullName: string; status: string }
  | { kind: 'error'; fullName?: string; error: ChildError }
  | { kind: 'reply'; id: number; ok: boolean; value?: unknown; error?: ChildError };

export interface ChildElement {
  fullName: string;
  status: string;
  error?: ChildError;
}

export interface ChildApp {
  /** Every event the child sent so far, in order. */
  events: ChildEvent[];
  stderr(): string;
  /** Resolves with the first matching event from the `since`-th on (already sent or still to come). */
  next(match: (event: ChildEvent) => boolean, since?: number, timeoutMs?: number): Promise<ChildEvent>;
  request<T = unknown>(op: string, fields?: Record<string, unknown>): Promise<T>;
  call<T = unknown>(element: string, method: string, ...args: unknown[]): Promise<T>;
  elements(): Promise<Map<string, ChildElement>>;
  /** How the process ended: its status and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const childScript = join(__dirname, 'typeFaultChild.js');

/** Every child still running, including those whose app never finished loading (a hang). */
const running = new Set<ChildProcess>();

/** Kills every child still running: for `afterEach`, whatever state a failed test left. */
export function killChildApps(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * `support/typeFaultChild.js` in a plain Node process of its own (no jest, no NODE_OPTIONS),
 * loading `appDir` with hot reload. Resolves once the app is loaded; if the process ends before
 * that, rejects with what it printed.
 */
export async function startChildApp(
  appDir: string,
  options: { env?: Record<string, string>; typeLoadTimeoutMs?: number } = {},
): Promise<ChildApp> {
  const { NODE_OPTIONS: _options, DEBUG: _debug, ...env } = process.env;
  const child: ChildProcess = fork(childScript, [appDir], {
    execArgv: [],
    env: {
      ...env,
      MTI_CHILD_ENV: JSON.stringify(options.env ?? {}),
      ...(options.typeLoadTimeoutMs === undefined ? {} : { MTI_TYPE_LOAD_TIMEOUT: String(options.typeLoadTimeoutMs) }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  const events: ChildEvent[] = [];
  const waiters = new Set<(event: ChildEvent) => void>();
  child.on('message', (event: ChildEvent) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );

  const next = (match: (event: ChildEvent) => boolean, since = 0, timeoutMs = 20_000): Promise<ChildEvent> => {
    const seen = events.slice(since).find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      const waiter = (event: ChildEvent): void => {
        if (!match(event)) return;
        done();
        resolve(event);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}\n${stderr}`));
      }, timeoutMs);
      waiters.add(waiter);
      void exited.then(({ code, signal }) => {
        if (!waiters.has(waiter)) return;
        done();
        reject(new Error(`the child ended (status ${code}, signal ${signal}) before the event came:\n${stderr}`));
      });
    });
  };

  let ids = 0;
  const request = async <T>(op: string, fields: Record<string, unknown> = {}): Promise<T> => {
    const id = ++ids;
    child.send({ ...fields, op, id });
    const reply = (await next((event) => event.kind === 'reply' && event.id === id, 0, 60_000)) as Extract<
      ChildEvent,
      { kind: 'reply' }
    >;
    if (!reply.ok) throw Object.assign(new Error(reply.error?.message), reply.error);
    return reply.value as T;
  };

  await next((event) => event.kind === 'loaded', 0, 60_000);
  return {
    events,
    stderr: () => stderr,
    next,
    request,
    call: (element, method, ...args) => request('call', { element, method, args }),
    elements: async () =>
      new Map((await request<ChildElement[]>('elements')).map((element) => [element.fullName, element])),
    exited,
  };
}
