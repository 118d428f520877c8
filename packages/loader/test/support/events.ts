import type { LoadedApp, ReloadEvent } from '@mti/loader';

/** Resolves with the first reload event matching `match`, or fails after `timeoutMs`. */
export function nextReload(
  app: LoadedApp,
  match: (event: ReloadEvent) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ReloadEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      app.off('reload', listener);
      reject(new Error(`no matching reload within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: ReloadEvent): void => {
      if (!match(event)) return;
      clearTimeout(timer);
      app.off('reload', listener);
      resolve(event);
    };
    app.on('reload', listener);
  });
}

/** Every reload event emitted while `work` runs and for `settleMs` after it. */
export async function reloadsDuring(app: LoadedApp, work: () => unknown, settleMs = 400): Promise<ReloadEvent[]> {
  const seen: ReloadEvent[] = [];
  const listener = (event: ReloadEvent): void => {
    seen.push(event);
  };
  app.on('reload', listener);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    app.off('reload', listener);
  }
  return seen;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
