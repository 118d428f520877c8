import { z } from 'zod';

/** What a Type's `prefix` refuses beyond the rules every Type shares. */
export interface PrefixRules {
  /** What leaving `prefix` out stores under, as the refusal of an empty prefix names it ("bucket"). */
  whole: string;
  /** A start no segment may have: names the Type keeps for its own files (".mti-"). */
  reservedStart?: string;
}

const control = /[\u0000-\u001f\u007f]/;
const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/;

/** Leading and trailing slashes go: `/tenant-a/` is `tenant-a`, as Flysystem, django-storages and OpenDAL read it. */
const trimSlashes = (prefix: string): string => prefix.replace(/^\/+|\/+$/g, '');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `prefix`: the key prefix an element lives under, one rule for every storage Type so the same
 * config means the same keys on each. Slashes around it are trimmed; what is left must name at
 * least one segment — an empty prefix is refused rather than read as the whole store, so a tenant
 * whose prefix came out empty (`"${TENANT:-}"`) never sees every tenant's objects — and no segment
 * may be empty (`a//b`), `.` or `..`, as in keys, nor start with `reservedStart` when given.
 */
export function prefixSchema({ whole, reservedStart }: PrefixRules) {
  const reserved = reservedStart === undefined ? undefined : escapeRegExp(reservedStart);
  const reservedSegment = reserved === undefined ? undefined : new RegExp(String.raw`(?:^|\/)${reserved}`);
  /**
   * What the rules accept, as one pattern for editors (JSON Schema cannot say "trim, then
   * check"): slashes around it, then segments that are neither empty nor "." or "..", with no
   * control characters (and not starting with reservedStart). The Types' config tests hold the
   * two to the same verdicts.
   */
  const segment = String.raw`(?!\.\.?(?:/|$))${reserved === undefined ? '' : `(?!${reserved})`}[^/\u0000-\u001f\u007f]+`;
  const pattern = String.raw`^/*${segment}(?:/${segment})*/*$`;
  return z
    .string()
    .superRefine((prefix, ctx) => {
      const trimmed = trimSlashes(prefix);
      const problem = control.test(prefix)
        ? 'must not contain control characters'
        : trimmed === ''
          ? `must name at least one segment (slashes around it are trimmed); leave prefix out to use the whole ${whole}`
          : trimmed.includes('//')
            ? 'must not contain empty segments ("//")'
            : dotSegment.test(trimmed)
              ? 'must not contain "." or ".." segments'
              : reservedSegment?.test(trimmed) === true
                ? `must not have a segment starting with "${reservedStart}" (reserved for the Type's own files)`
                : undefined;
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform(trimSlashes)
    .meta({ pattern });
}
