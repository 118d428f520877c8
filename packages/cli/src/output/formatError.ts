import { inspect } from 'node:util';
import { ElementError, scrubSecrets, StorageError } from '@mti/core';
import { terminalSafe } from './terminalSafe';

/** One line: code, element, operation, key, reason. `verbose` adds the cause. Safe for a terminal. */
export function formatError(error: unknown, verbose = false): string {
  let line: string;
  if (StorageError.is(error)) {
    const key = error.key === undefined ? '' : ` ${JSON.stringify(error.key)}`;
    line = `mti: ${error.code} ${error.element} ${error.operation}${key}: ${error.detail}`;
  } else if (ElementError.is(error)) {
    line = `mti: ${error.code} ${error.message}`;
  } else {
    line = `mti: ${error instanceof Error ? error.message : String(error)}`;
  }
  const cause = (error as { cause?: unknown }).cause;
  // Storage errors come scrubbed of their element's secrets; a cause from anywhere else at least
  // loses the request material a signature error carries (the session token among it).
  if (verbose && cause !== undefined) line += `\ncause: ${inspect(scrubSecrets(cause, []), { depth: 4 })}`;
  return terminalSafe(line);
}
