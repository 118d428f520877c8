import { readFileSync } from 'node:fs';
import { ElementError, ErrorCode } from '@mti/core';

/** Parses a JSON file; a syntax error names the file and where in it. */
export function readJsonFile(absPath: string, relPath: string, element: string): unknown {
  const text = readFileSync(absPath, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      element,
      file: relPath,
      message: `${element}: ${relPath}: invalid JSON: ${(error as Error).message}${lineOf(text, error as Error)}`,
    });
  }
}

function lineOf(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (position === null || /line \d+/.test(error.message)) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}
