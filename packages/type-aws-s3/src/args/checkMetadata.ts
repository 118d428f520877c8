/** S3 sends user metadata as x-amz-meta-* headers: token names, US-ASCII values. */
export function metadataProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of strings';
  for (const [name, entry] of Object.entries(value)) {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return `name "${name}" may only hold letters, digits, "-" and "_"`;
    if (typeof entry !== 'string') return `"${name}" must be a string`;
    if (!/^[\u0020-\u007e]*$/.test(entry)) return `"${name}" must be printable US-ASCII`;
  }
  return undefined;
}
