import type { z } from 'zod';
import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
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
  const issues = formatIssues(result.error);
  const list = issues.map((i) => (i.field ? `"${i.field}": ${i.message}` : i.message)).join('; ');
  const missing = where.missingFile ? ' (the file does not exist)' : '';
  throw new ElementError({
    code: ErrorCode.INVALID_CONFIG,
    element: where.element,
    file: where.file,
    field: issues[0]?.field || undefined,
    message: `${where.element}: ${where.file}${missing}: ${list}`,
  });
}
