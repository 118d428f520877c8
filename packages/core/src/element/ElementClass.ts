import type { z } from 'zod';
import type { ElementContext } from './ElementContext';
import type { ElementFunctions } from './ElementFunctions';

/**
 * A Type's (or a Meta's) class. The statics are inherited, so a class that extends an official
 * Type keeps its config schema and secret fields unless it declares its own.
 */
export type ElementClass<T extends object = object> = (abstract new (context: ElementContext<never>) => T) & {
  /** Validates the business config of this Type's Instances. */
  readonly configSchema?: z.ZodType;
  /** Top-level config fields that must never be shown: redacted in JSON, inspect, logs, errors. */
  readonly secretFields?: readonly string[];
  /** What callers outside the process may call; see `ElementFunctions`. */
  readonly functions?: ElementFunctions;
  /** On a Meta: the methods every Type under it must implement. */
  readonly contract?: readonly string[];
};
