import type { ConfigSchemaInfo, ElementError, ElementFunction, ElementInfo } from '@mti/core';

/** A reload of one element, as `LoadedApp` reports it. */
export interface GatewayReloadEvent {
  fullName: string;
  status: string;
  ms: number;
  error?: ElementError;
}

/** A problem outside any one reload (a watcher error, a scan warning), as `LoadedApp` reports it. */
export interface GatewayErrorEvent {
  fullName?: string;
  error: ElementError;
}

/**
 * What the gateway needs of an app; `LoadedApp` and core's `App` both fit. The optional parts
 * are what the console's routes need of an app loaded from a folder: without `appDir` the
 * source routes answer that the app has no folder, without `on`/`off` the event stream carries
 * only pings.
 */
export interface GatewayApp {
  getElement<T = unknown>(fullName: string): T;
  listElements(): ElementInfo[];
  functionsOf(fullName: string): Map<string, ElementFunction>;
  /** A Meta's or Type's config schema and secret fields. */
  configSchemaOf?(fullName: string): ConfigSchemaInfo;
  /** The variables `${VAR}` in configs resolve from. */
  configEnv?(): Readonly<Record<string, string | undefined>>;
  /** The folder the app was loaded from (absolute). */
  readonly appDir?: string;
  on?(event: 'reload', listener: (event: GatewayReloadEvent) => void): unknown;
  on?(event: 'error', listener: (event: GatewayErrorEvent) => void): unknown;
  off?(event: 'reload', listener: (event: GatewayReloadEvent) => void): unknown;
  off?(event: 'error', listener: (event: GatewayErrorEvent) => void): unknown;
}
