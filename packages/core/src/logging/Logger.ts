/**
 * The logger elements receive. Its call shape is pino's (`fields` first, then the message), so a
 * pino logger can be passed as is.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  debug(message: string): void;
  info(fields: object, message?: string): void;
  info(message: string): void;
  warn(fields: object, message?: string): void;
  warn(message: string): void;
  error(fields: object, message?: string): void;
  error(message: string): void;
  child(bindings: Record<string, unknown>): Logger;
}
