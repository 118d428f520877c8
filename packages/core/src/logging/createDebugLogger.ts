import createDebug from 'debug';
import type { Logger } from './Logger';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The default logger: one `debug` namespace per module (`mti:<app>:<element>`), silent unless
 * `DEBUG=mti:*` is set. Fields are written with JSON.stringify, which goes through the
 * redacting `toJSON` of configs and errors.
 */
export function createDebugLogger(namespace: string, bindings: Record<string, unknown> = {}): Logger {
  const debug = createDebug(namespace);
  const write = (level: Level, first: object | string, message?: string): void => {
    if (!debug.enabled) return;
    const fields = typeof first === 'string' ? {} : first;
    const text = typeof first === 'string' ? first : (message ?? '');
    const merged = { ...bindings, ...fields };
    const suffix = Object.keys(merged).length === 0 ? '' : ` ${JSON.stringify(merged)}`;
    debug(`${level} ${text}${suffix}`);
  };
  return {
    debug: (first: object | string, message?: string) => write('debug', first, message),
    info: (first: object | string, message?: string) => write('info', first, message),
    warn: (first: object | string, message?: string) => write('warn', first, message),
    error: (first: object | string, message?: string) => write('error', first, message),
    child: (more) => createDebugLogger(namespace, { ...bindings, ...more }),
  } as Logger;
}
