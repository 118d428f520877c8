import { inspect } from 'node:util';

export const REDACTED = 'REDACTED';

/**
 * Freezes a validated config and gives it a `toJSON` and a `util.inspect` view that show
 * `REDACTED` for its secret fields. The values themselves stay readable as plain properties,
 * because Type code needs them to talk to the service.
 */
export function redactedView<T extends object>(config: T, secretFields: readonly string[]): Readonly<T> {
  const safe = (): Record<string, unknown> => redactCopy(config, secretFields);
  Object.defineProperty(config, 'toJSON', { value: safe, enumerable: false });
  Object.defineProperty(config, inspect.custom, {
    value: (depth: number, options: object) => inspect(safe(), { ...options, depth }),
    enumerable: false,
  });
  return Object.freeze(config);
}

/** A plain copy with secret fields replaced, for logs and error reports. */
export function redactCopy(config: object, secretFields: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const field of secretFields) {
    if (copy[field] !== undefined) copy[field] = REDACTED;
  }
  return copy;
}

/** The secret values present in a config, so errors can be scrubbed of them. */
export function secretValues(config: object, secretFields: readonly string[]): string[] {
  return secretFields
    .map((field) => (config as Record<string, unknown>)[field])
    .filter((value): value is string => typeof value === 'string' && value !== '');
}
