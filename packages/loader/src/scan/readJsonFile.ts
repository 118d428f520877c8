import { readFileSync } from 'node:fs';
import { ElementError, ErrorCode } from '@mti/core';
import type * as JsoncParser from 'jsonc-parser';

/**
 * Parses a JSON file; a syntax error names the file, the line and column, and a generic reason.
 *
 * Never JSON.parse's own message: it quotes the text around the error, and in a config that
 * text is often a secret (`"accessKeySecret": 'abc…'` shows its first characters), while these
 * messages go to `mti ls`, stderr and `GET /api/elements`.
 */
export function readJsonFile(absPath: string, relPath: string, element: string): unknown {
  const text = readFileSync(absPath, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      element,
      file: relPath,
      message: `${element}: ${relPath}: invalid JSON: ${whereInvalid(text)}`,
    });
  }
}

/**
 * Where strict JSON first fails and why, as `property name expected at line 1, column 21`.
 * JSON.parse does not say where for every error, so jsonc-parser (comments and trailing commas
 * refused, as JSON.parse does) finds the spot; it reports codes, never the text. Loaded only
 * here, as most loads never meet a broken file.
 */
function whereInvalid(text: string): string {
  const jsonc = require('jsonc-parser') as typeof JsoncParser;
  let found: string | undefined;
  jsonc.visit(
    text,
    {
      onError: (error, _offset, _length, line, column) => {
        found ??= `${words(jsonc.printParseErrorCode(error))} at line ${line + 1}, column ${column + 1}`;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return found ?? 'not valid JSON';
}

/** `PropertyNameExpected` → `property name expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
