import type { z } from 'zod';
import { configIssues } from '../errors/invalidConfig';
import { formatIssues } from './formatIssues';
import type { ConfigLocation } from './interpolateEnv';

/** Runs a Type's config schema; the error lists every bad field, names the first in `field`. */
export function validateConfig<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: ConfigLocation & { missingFile?: boolean },
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw configIssues({ element: where.element, file: where.file }, formatIssues(result.error), {
    missingFile: where.missingFile,
  });
}
