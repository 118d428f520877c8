import { ElementError } from '../errors/ElementError';
import { ErrorCode } from '../errors/ErrorCode';
import { formatIssues } from '../config/formatIssues';
import { declarationSchema, type Declaration } from './declarationSchema';

/** Validates a parsed `e.json`; the error names the element, the file and the first bad field. */
export function parseDeclaration(value: unknown, where: { element: string; file: string }): Declaration {
  const result = declarationSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = formatIssues(result.error);
  const first = issues[0] ?? { field: '', message: 'invalid' };
  const list = issues.map((i) => (i.field ? `"${i.field}": ${i.message}` : i.message)).join('; ');
  throw new ElementError({
    code: ErrorCode.INVALID_CONFIG,
    element: where.element,
    file: where.file,
    field: first.field || undefined,
    message: `${where.element}: ${where.file}: ${list}`,
  });
}
