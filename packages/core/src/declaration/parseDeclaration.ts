import { formatIssues } from '../config/formatIssues';
import { configIssues } from '../errors/invalidConfig';
import { declarationSchema, type Declaration } from './declarationSchema';

/** Validates a parsed `e.json`; the error names the element, the file and the first bad field. */
export function parseDeclaration(value: unknown, where: { element: string; file: string }): Declaration {
  const result = declarationSchema.safeParse(value);
  if (result.success) return result.data;
  throw configIssues(where, formatIssues(result.error));
}
