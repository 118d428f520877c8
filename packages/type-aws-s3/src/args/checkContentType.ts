/** Why a content type is unusable as a header value, or undefined. */
export function contentTypeProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${value === null ? 'null' : typeof value}`;
  if (value.trim() === '') return 'must not be empty';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'must not contain control characters such as CR or LF';
  if (value.length > 255) return `is ${value.length} characters; the limit is 255`;
  return undefined;
}
