import type { ElementFunction, ElementInfo } from '@mti/core';

/** What the gateway needs of an app; `LoadedApp` and core's `App` both fit. */
export interface GatewayApp {
  getElement<T = unknown>(fullName: string): T;
  listElements(): ElementInfo[];
  functionsOf(fullName: string): Map<string, ElementFunction>;
}
