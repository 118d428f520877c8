import type { LoadedApp } from '@mti/loader';

/**
 * Resolves once `check(app)` holds, testing it now and after every reload event; fails after
 * `timeoutMs` naming what was last seen. For states a burst of file events ends in.
 */
export function until(app: LoadedApp, check: (app: LoadedApp) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      app.off('reload', listener);
    };
    const listener = (): void => {
      if (!check(app)) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      const seen = app.listElements().map((e) => `${e.fullName}:${e.status}`);
      reject(new Error(`state not reached within ${timeoutMs} ms; elements: ${seen.join(', ')}`));
    }, timeoutMs);
    app.on('reload', listener);
    listener();
  });
}
