import { z } from '@mti/core';

const control = /[\u0000-\u001f\u007f]/;
const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * What the rules below accept, as one pattern for editors (JSON Schema cannot say "trim, then
 * check"): slashes around it, then segments that are neither empty nor "." or "..", with no control
 * characters. config.test.ts holds the two to the same verdicts.
 */
const segment = String.raw`(?!\.\.?(?:/|$))[^/\u0000-\u001f\u007f]+`;
const pattern = String.raw`^/*${segment}(?:/${segment})*/*$`;

/** Leading and trailing slashes go: `/tenant-a/` is `tenant-a`, as Flysystem, django-storages and OpenDAL read it. */
const trimSlashes = (prefix: string): string => prefix.replace(/^\/+|\/+$/g, '');

/**
 * `prefix`: the key prefix an element lives under. Slashes around it are trimmed; what is left
 * must name at least one segment — an empty prefix is refused rather than read as the bucket's
 * root, so a tenant whose prefix came out empty (`"${TENANT:-}"`) never sees every tenant's
 * objects — and no segment may be empty (`a//b`), `.` or `..`, as in keys.
 */
export const prefixSchema = z
  .string()
  .superRefine((prefix, ctx) => {
    const trimmed = trimSlashes(prefix);
    const problem = control.test(prefix)
      ? 'must not contain control characters'
      : trimmed === ''
        ? 'must name at least one segment (slashes around it are trimmed); leave prefix out to use the whole bucket'
        : trimmed.includes('//')
          ? 'must not contain empty segments ("//")'
          : dotSegment.test(trimmed)
            ? 'must not contain "." or ".." segments'
            : undefined;
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(trimSlashes)
  .meta({ pattern });
