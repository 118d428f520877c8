import type { ArgumentProblem } from './argumentProblem';

const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : String(value);

/**
 * Why `range` cannot be read, or undefined: its shape (whole byte offsets from 0, `end` at least
 * `start`, `end` included as in HTTP and `fs.createReadStream`) and, once the object's `size` is
 * known, whether `start` falls inside it. An `end` past the last byte is not a problem: the read
 * stops there, as HTTP's does. One rule for every Type, so a range one Type reads, all do; the
 * problem is always on field `range`.
 */
export function rangeProblem(range: unknown, size?: number): ArgumentProblem | undefined {
  const problem = (detail: string): ArgumentProblem => ({ field: 'range', detail });
  if (typeof range !== 'object' || range === null || Array.isArray(range)) {
    return problem(`range must be { start, end? }: byte offsets from 0, end included; got ${shown(range)}`);
  }
  const { start, end } = range as { start?: unknown; end?: unknown };
  if (typeof start !== 'number' || !Number.isSafeInteger(start) || start < 0) {
    return problem(`range.start must be a whole number of bytes, 0 or more; got ${shown(start)}`);
  }
  if (end !== undefined && (typeof end !== 'number' || !Number.isSafeInteger(end) || end < start)) {
    return problem(`range.end must be a whole number of bytes, at least range.start (${start}); got ${shown(end)}`);
  }
  if (size !== undefined && start >= size) {
    return problem(
      size === 0
        ? 'range cannot be read from an empty object: it has no bytes'
        : `range.start (${start}) is past the object's last byte (${size - 1}): the object is ${size} bytes`,
    );
  }
  return undefined;
}
