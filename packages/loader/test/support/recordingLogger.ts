import type { Logger } from '@mti/core';

export interface LoggedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: object;
}

/** A logger that keeps what it is given, for tests that check what the loader reported. */
export function recordingLogger(lines: LoggedLine[] = []): { logger: Logger; lines: LoggedLine[] } {
  const at =
    (level: LoggedLine['level']) =>
    (first: object | string, message?: string): void => {
      lines.push(
        typeof first === 'string'
          ? { level, message: first, fields: {} }
          : { level, message: message ?? '', fields: first },
      );
    };
  const logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  } as Logger;
  return { logger, lines };
}
