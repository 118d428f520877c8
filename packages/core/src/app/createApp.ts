import { createDebugLogger } from '../logging/createDebugLogger';
import { storagesMeta } from '../storage/storagesMeta';
import { App } from './App';
import type { CreateAppOptions } from './CreateAppOptions';

/**
 * Builds an app from element records. Problems in single elements show up as their `status`
 * (see `listElements`); conflicting registrations, a wiring mistake, throw here.
 */
export function createApp(options: CreateAppOptions = {}): App {
  const name = options.name ?? 'app';
  const app = new App({
    name,
    registrations: [storagesMeta, ...(options.registrations ?? [])],
    env: options.env ?? process.env,
    logger: options.logger ?? createDebugLogger(`mti:${name}`),
  });
  app.update(options.elements ?? []);
  return app;
}
