// One rule for every storages.Meta Type: a header value one Type takes, another must too.
/** The first character outside printable US-ASCII, as the error names it: U+00E9 "é". */
export function nonAsciiCharacter(value: string): string | undefined {
  const found = /[^\u0020-\u007e]/u.exec(value)?.[0];
  if (found === undefined) return undefined;
  const code = (found.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} ${JSON.stringify(found)}`;
}

/**
 * Why a value cannot be sent as an HTTP header (Content-Type, Cache-Control, Content-Disposition),
 * or undefined. Printable US-ASCII only: Node refuses anything above U+00FF before sending, and
 * sends U+0080-U+00FF as Latin-1 bytes while SigV4 signs their UTF-8, so servers that check
 * signatures refuse the upload as SignatureDoesNotMatch (Ceph RGW does) — an ACCESS_DENIED for
 * what is a bad argument. Browsers cannot send more than Latin-1 in a signed upload's headers either.
 */
export function headerValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${value === null ? 'null' : typeof value}`;
  if (value.trim() === '') return 'must not be empty';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'must not contain control characters such as CR or LF';
  const found = nonAsciiCharacter(value);
  if (found !== undefined) return `must be printable US-ASCII (found ${found})`;
  if (value.length > 255) return `is ${value.length} characters; the limit is 255`;
  return undefined;
}

/** As headerValueProblem, with the standard way to give a file name that is not ASCII. */
export function contentDispositionProblem(value: unknown): string | undefined {
  const problem = headerValueProblem(value);
  return problem?.startsWith('must be printable US-ASCII')
    ? `${problem}; give a non-ASCII file name as filename*=UTF-8''<percent-encoded name> (RFC 6266)`
    : problem;
}
