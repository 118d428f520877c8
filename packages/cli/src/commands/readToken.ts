import { readFileSync, statSync } from 'node:fs';
import { ElementError, ErrorCode } from '@mti/core';

export interface TokenOptions {
  /** Refused: a value on the command line shows in `ps` to every user of the machine. */
  token?: string;
  tokenFile?: string;
}

/**
 * The gateway's bearer token, from `--token-file` or else `MTI_TOKEN`; never from argv, where
 * every local user can read it (`ps`, /proc/<pid>/cmdline). The file must be readable by its
 * owner alone, as ssh asks of a private key, for the same reason.
 */
export function readToken(options: TokenOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (options.token !== undefined) {
    throw new ElementError({
      code: ErrorCode.INVALID_ARGUMENT,
      message:
        '--token is not accepted: a value on the command line is visible to every local user in ps. ' +
        'Set MTI_TOKEN, or put the token in a file only you can read and pass --token-file <path>',
      field: 'token',
    });
  }
  if (options.tokenFile !== undefined) {
    const file = options.tokenFile;
    let text: string;
    try {
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
        throw new ElementError({
          code: ErrorCode.ACCESS_DENIED,
          message: `--token-file ${file} can be read by other users: chmod 600 ${file}`,
          file,
          field: 'token',
        });
      }
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if (ElementError.is(error)) throw error;
      throw new ElementError({
        code: ErrorCode.INVALID_ARGUMENT,
        message: `cannot read --token-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        file,
        field: 'token',
        cause: error,
      });
    }
    // Editors and `echo` end files with a newline; it is never part of the token.
    const token = text.replace(/\r?\n$/, '');
    if (token === '' || /[\r\n]/.test(token)) {
      throw new ElementError({
        code: ErrorCode.INVALID_ARGUMENT,
        message: `--token-file ${file} must hold the token on one line`,
        file,
        field: 'token',
      });
    }
    return token;
  }
  const fromEnv = env.MTI_TOKEN;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
