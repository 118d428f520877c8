/** One ranged request's bytes: `end` inclusive, as in HTTP's Range. */
export interface PartRange {
  index: number;
  start: number;
  end: number;
}

export function partCount(size: number, partSize: number): number {
  return Math.ceil(size / partSize);
}

export function partRange(index: number, size: number, partSize: number): PartRange {
  const start = index * partSize;
  return { index, start, end: Math.min(size, start + partSize) - 1 };
}

export const rangeLength = (range: PartRange): number => range.end - range.start + 1;
