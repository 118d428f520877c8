import {
  conditionFailure,
  copyOptionsProblem,
  MAX_FORM_BYTES,
  uploadFormProblem,
  uploadOptionsProblem,
  writeConditionsProblem,
  type UploadFormOptions,
  type WriteConditions,
} from '@mti/core';

// The shared rules of conditional writes and upload forms, which every storage Type applies
// before any request: each refusal names its field, and each accepted value is accepted by all.

const noClassProblem = (): undefined => undefined;

describe('writeConditionsProblem', () => {
  it.each([
    [{ ifNoneMatch: '*' }],
    [{ ifMatch: '"0cc175b9c0f1b6a831c399e269772661"' }],
    [{ ifMatch: '0cc175b9c0f1b6a831c399e269772661' }],
    [{ ifMatch: '"34d4c179026ab040d35d264b856c514a-2"' }],
    [{}],
  ])('takes %j', (conditions) => {
    expect(writeConditionsProblem(conditions as WriteConditions)).toBeUndefined();
  });

  it.each([
    [{ ifNoneMatch: '"abc"' }, 'options.ifNoneMatch'],
    [{ ifNoneMatch: true }, 'options.ifNoneMatch'],
    [{ ifMatch: '' }, 'options.ifMatch'],
    [{ ifMatch: 42 }, 'options.ifMatch'],
    [{ ifMatch: '*' }, 'options.ifMatch'],
    [{ ifMatch: '"*"' }, 'options.ifMatch'],
    [{ ifMatch: 'W/"abc"' }, 'options.ifMatch'],
    [{ ifMatch: '"abc' }, 'options.ifMatch'],
    [{ ifMatch: 'a b' }, 'options.ifMatch'],
    [{ ifMatch: 'é' }, 'options.ifMatch'],
    [{ ifMatch: `"${'a'.repeat(1025)}"` }, 'options.ifMatch'],
    [{ ifNoneMatch: '*', ifMatch: '"abc"' }, 'options.ifMatch'],
  ])('refuses %j on %s', (conditions, field) => {
    expect(writeConditionsProblem(conditions as unknown as WriteConditions)?.field).toBe(field);
  });

  it('is part of uploadByFile options and copy options alike', () => {
    expect(uploadOptionsProblem({ ifNoneMatch: 'x' as '*' }, noClassProblem)?.field).toBe('options.ifNoneMatch');
    expect(copyOptionsProblem({ ifMatch: '' })?.field).toBe('options.ifMatch');
    expect(copyOptionsProblem(null as unknown as WriteConditions)?.field).toBe('options');
  });
});

describe('conditionFailure', () => {
  it('says why a condition does not hold for the stored ETag, comparing quoted and bare forms alike', () => {
    expect(conditionFailure({ ifNoneMatch: '*' }, undefined)).toBeUndefined();
    expect(conditionFailure({ ifNoneMatch: '*' }, '"abc"')).toMatch(/an object is stored/);
    expect(conditionFailure({ ifMatch: 'abc' }, '"abc"')).toBeUndefined();
    expect(conditionFailure({ ifMatch: '"abc"' }, 'abc')).toBeUndefined();
    expect(conditionFailure({ ifMatch: '"abc"' }, '"abd"')).toMatch(/not "\\"abc\\""/);
    expect(conditionFailure({ ifMatch: '"abc"' }, undefined)).toMatch(/no object is stored/);
    expect(conditionFailure({}, '"abc"')).toBeUndefined();
  });
});

describe('uploadFormProblem', () => {
  it.each([
    [{ maxBytes: 1 }],
    [{ maxBytes: MAX_FORM_BYTES, minBytes: MAX_FORM_BYTES }],
    [{ maxBytes: 10, minBytes: 0, expires: 1 }],
    [{ maxBytes: 10, expires: 604_800 }],
  ])('takes %j', (options) => {
    expect(uploadFormProblem(options)).toBeUndefined();
  });

  it.each([
    [undefined, 'options'],
    [{}, 'options.maxBytes'],
    [{ maxBytes: 0 }, 'options.maxBytes'],
    [{ maxBytes: '10' }, 'options.maxBytes'],
    [{ maxBytes: MAX_FORM_BYTES + 1 }, 'options.maxBytes'],
    [{ maxBytes: 10, minBytes: 11 }, 'options.minBytes'],
    [{ maxBytes: 10, minBytes: 0.5 }, 'options.minBytes'],
    [{ maxBytes: 10, expires: 0 }, 'options.expires'],
    [{ maxBytes: 10, expires: 604_801 }, 'options.expires'],
  ])('refuses %j on %s', (options, field) => {
    const problem = uploadFormProblem(options as UploadFormOptions);
    expect(problem?.field).toBe(field);
    expect(problem?.detail.startsWith(field)).toBe(true);
  });
});
