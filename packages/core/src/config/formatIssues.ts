import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path, e.g. `multipart.partSizeMiB`; empty for the whole object. */
  field: string;
  message: string;
}

/** Flattens zod issues into field/message pairs. Values are never echoed: they may be secrets. */
export function formatIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const base = issue.path.map(String).join('.');
      const keys = issue.keys;
      return {
        field: [base, keys[0]].filter(Boolean).join('.'),
        message: `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    return { field: issue.path.map(String).join('.'), message: issue.message };
  });
}
