import { configTooDeep } from '../errors/invalidConfig';
import type { ConfigLocation } from './interpolateEnv';

/**
 * How deeply objects and arrays may nest in a config (the config object itself is level 1).
 * Real configs use a handful of levels; the limit keeps every recursive step after parsing
 * (env interpolation, validation, fingerprints, logging) far from the stack's end, which a file
 * of `{"a":{"a":…}}` 100 000 levels deep reached with a bare "Maximum call stack size exceeded".
 */
export const MAX_CONFIG_DEPTH = 64;

/**
 * Throws INVALID_CONFIG, naming the file and the limit, when `value` nests deeper than
 * MAX_CONFIG_DEPTH. Walks with its own stack, so any depth can be measured.
 */
export function checkConfigDepth(value: unknown, where: ConfigLocation): void {
  const pending: Array<{ value: unknown; depth: number; field: string | undefined }> = [
    { value, depth: 1, field: undefined },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > MAX_CONFIG_DEPTH) {
      throw configTooDeep({ ...where, field: next.field }, MAX_CONFIG_DEPTH);
    }
    for (const [key, child] of Object.entries(next.value)) {
      pending.push({ value: child, depth: next.depth + 1, field: next.field ?? key });
    }
  }
}
