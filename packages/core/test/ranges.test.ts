import {
  downloadOptionsProblem,
  type ElementFunctions,
  functionsOf,
  offersRanges,
  optionalStorageFunctions,
  rangeProblem,
  StorageMeta,
} from '@mti/core';
import { MemoryStorageType } from './fixtures/MemoryStorageType';

describe('rangeProblem', () => {
  it.each([
    [{ start: 0 }, undefined],
    [{ start: 0, end: 0 }, undefined],
    [{ start: 5, end: 5 }, undefined],
    [{ start: 5, end: Number.MAX_SAFE_INTEGER }, undefined],
  ])('takes %j', (range, expected) => {
    expect(rangeProblem(range)).toEqual(expected);
  });

  it.each([
    [null, 'range must be { start, end? }: byte offsets from 0, end included; got null'],
    [5, 'range must be { start, end? }: byte offsets from 0, end included; got 5'],
    [[0, 1], 'range must be { start, end? }: byte offsets from 0, end included; got an array'],
    [{}, 'range.start must be a whole number of bytes, 0 or more; got undefined'],
    [{ start: -1 }, 'range.start must be a whole number of bytes, 0 or more; got -1'],
    [{ start: 1.5 }, 'range.start must be a whole number of bytes, 0 or more; got 1.5'],
    [{ start: '0' }, 'range.start must be a whole number of bytes, 0 or more; got "0"'],
    [{ start: 2 ** 53 }, `range.start must be a whole number of bytes, 0 or more; got ${2 ** 53}`],
    [{ start: 5, end: 4 }, 'range.end must be a whole number of bytes, at least range.start (5); got 4'],
    [{ start: 0, end: Number.NaN }, 'range.end must be a whole number of bytes, at least range.start (0); got NaN'],
  ])('refuses %j on field range', (range, detail) => {
    expect(rangeProblem(range)).toEqual({ field: 'range', detail });
  });

  it('knows, once the size is known, whether the start is inside the object; an end past it is fine', () => {
    expect(rangeProblem({ start: 9, end: 100 }, 10)).toBeUndefined();
    expect(rangeProblem({ start: 10 }, 10)).toEqual({
      field: 'range',
      detail: "range.start (10) is past the object's last byte (9): the object is 10 bytes",
    });
    expect(rangeProblem({ start: 0 }, 0)).toEqual({
      field: 'range',
      detail: 'range cannot be read from an empty object: it has no bytes',
    });
  });

  it("download's options: an object, and its range checked as above", () => {
    expect(downloadOptionsProblem({})).toBeUndefined();
    expect(downloadOptionsProblem({ range: { start: 1 } })).toBeUndefined();
    expect(downloadOptionsProblem(null)).toEqual({ field: 'options', detail: 'options must be an object' });
    expect(downloadOptionsProblem({ range: { start: -1 } })?.field).toBe('range');
  });
});

describe('offersRanges', () => {
  it('is false for the seed, whose download takes a name only', () => {
    expect(offersRanges(functionsOf(StorageMeta))).toBe(false);
    expect(offersRanges(functionsOf(MemoryStorageType))).toBe(false);
  });

  it('is true for a Type that spreads optionalStorageFunctions, as the official Types do', () => {
    class Ranged extends MemoryStorageType {
      static override readonly functions: ElementFunctions = { ...optionalStorageFunctions };
    }
    expect(offersRanges(functionsOf(Ranged))).toBe(true);
    expect(functionsOf(Ranged).get('download')).toMatchObject({ params: ['name', 'options'], min: 1, max: 2 });
  });

  it('is false when a subclass redeclares either function without its range', () => {
    class Ranged extends MemoryStorageType {
      static override readonly functions: ElementFunctions = { ...optionalStorageFunctions };
    }
    class WholeStreams extends Ranged {
      static override readonly functions: ElementFunctions = { downloadStream: { params: ['name'] } };
    }
    expect(offersRanges(functionsOf(WholeStreams))).toBe(false);
  });
});
