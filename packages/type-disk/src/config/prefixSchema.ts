import { z } from '@mti/core';
import { RESERVED_SEGMENT_START } from '../fs/diskKeys';

const control = /[\u0000-\u001f\u007f]/;
const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/;
const reserved = /(?:^|\/)\.mti-/;

/**
 * What the rules below accept, as one pattern for editors: slashes around it, then segments that
 * are neither empty, "." nor "..", do not start with ".mti-", and hold no control characters.
 */
const segment = String.raw`(?!\.\.?(?:/|$))(?!\.mti-)[^/\u0000-\u001f\u007f]+`;
const pattern = String.raw`^/*${segment}(?:/${segment})*/*$`;

const trimSlashes = (prefix: string): string => prefix.replace(/^\/+|\/+$/g, '');

/**
 * `prefix`, read as `storages.AwsS3Type` reads it (slashes around it trimmed, at least one segment,
 * none empty, "." or ".."), plus the disk's own rule: no segment may start with ".mti-", the
 * names this Type keeps for its temporary files and its metadata folder.
 */
export const prefixSchema = z
  .string()
  .superRefine((prefix, ctx) => {
    const trimmed = trimSlashes(prefix);
    const problem = control.test(prefix)
      ? 'must not contain control characters'
      : trimmed === ''
        ? 'must name at least one segment (slashes around it are trimmed); leave prefix out to use the whole rootDir'
        : trimmed.includes('//')
          ? 'must not contain empty segments ("//")'
          : dotSegment.test(trimmed)
            ? 'must not contain "." or ".." segments'
            : reserved.test(trimmed)
              ? `must not have a segment starting with "${RESERVED_SEGMENT_START}" (reserved for the Type's own files)`
              : undefined;
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(trimSlashes)
  .meta({ pattern });
