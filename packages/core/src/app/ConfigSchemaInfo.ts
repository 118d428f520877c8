import type { z } from 'zod';

/** What a Meta or Type says about the configs of Instances built on it (`App.configSchemaOf`). */
export interface ConfigSchemaInfo {
  fullName: string;
  kind: 'meta' | 'type';
  /** The class's `configSchema`; absent when its Instances take any config. */
  configSchema?: z.ZodType;
  /** Top-level fields whose values are secrets: never shown. */
  secretFields: readonly string[];
}
