import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { createDebugLogger } from '../logging/createDebugLogger';
import { storagesMeta } from '../storage/storagesMeta';
import { App } from './App';
import { checkRegistrationChains } from './checkRegistrationChains';
import type { CreateAppOptions } from './CreateAppOptions';

/** Long enough for most downloads in progress to finish, short enough for a deploy to wait on. */
const DEFAULT_CLOSE_TIMEOUT_MS = 30_000;

/**
 * Builds an app from element records. Problems in single elements show up as their `status`
 * (see `listElements`); conflicting or unchained registrations, a wiring mistake, throw here.
 */
export function createApp(options: CreateAppOptions = {}): App {
  const name = options.name ?? 'app';
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  // `>= 0` is false for NaN too.
  if (typeof closeTimeoutMs !== 'number' || !(closeTimeoutMs >= 0)) {
    throw new ElementError({
      code: ErrorCode.INVALID_ARGUMENT,
      field: 'closeTimeoutMs',
      message: `closeTimeoutMs must be a number of milliseconds, 0 or more (Infinity: no limit); got ${String(closeTimeoutMs)}`,
    });
  }
  // Exactly the families the caller names: nothing outside storage's own files assumes storage.
  const registrations = options.registrations ?? [storagesMeta];
  checkRegistrationChains(registrations);
  const app = new App({
    name,
    registrations,
    env: options.env ?? process.env,
    logger: options.logger ?? createDebugLogger(`mti:${name}`),
    closeTimeoutMs,
  });
  app.update(options.elements ?? []);
  return app;
}
