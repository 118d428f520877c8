// One rule for every storages.Meta Type, so the same delimiter is refused for the same reason everywhere.
/** Why a list delimiter cannot be sent (it goes into the query string as UTF-8), or undefined. */
export function delimiterProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty string';
  const surrogate = /\p{Cs}/u.exec(value);
  if (surrogate !== null) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `must be well-formed Unicode: it holds a lone surrogate (U+${code}), which has no UTF-8 form`;
  }
  return undefined;
}
