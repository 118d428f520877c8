import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElementError, eJsonSchema, parseDeclaration, toFullName } from '@mti/core';

const where = { element: 'storages.MyS3', file: 'storages/MyS3/e.json' };

describe('parseDeclaration', () => {
  it('accepts the seed declaration and fills defaults', () => {
    expect(parseDeclaration({ title: 'My AWS S3 Storage', type: 'storages.AwsS3Type' }, where)).toEqual({
      title: 'My AWS S3 Storage',
      type: 'storages.AwsS3Type',
      backendBundleEntry: '.',
      variables: [],
    });
  });

  it('reads an absent or empty type as a Meta', () => {
    expect(parseDeclaration({ title: 'Storage' }, where).type).toBe('');
    expect(parseDeclaration({ title: 'Storage', type: '' }, where).type).toBe('');
  });

  it('allows $schema for editors', () => {
    expect(parseDeclaration({ $schema: '../e.schema.json', title: 'x' }, where).title).toBe('x');
  });

  it.each([
    [{ type: 'storages.AwsS3Type' }, 'title', /"title": Invalid input: expected string/],
    [{ title: '   ' }, 'title', /"title": Too small/],
    [{ title: 'x', type: 'storages..Bad' }, 'type', /"type".*fullName/],
    [{ title: 'x', type: 42 }, 'type', /"type"/],
    [{ title: 'x', variables: {} }, 'variables', /"variables": Invalid input: expected array/],
    [{ title: 'x', backendBundleEntry: '' }, 'backendBundleEntry', /"backendBundleEntry"/],
    [{ title: 'x', tpye: 'storages.AwsS3Type' }, 'tpye', /unknown field "tpye"/],
  ])('rejects %j naming field %s', (value, field, message) => {
    const error = catchError(() => parseDeclaration(value, where));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.field).toBe(field);
    expect(error.file).toBe('storages/MyS3/e.json');
    expect(error.element).toBe('storages.MyS3');
    expect(error.message).toMatch(/^storages\.MyS3: storages\/MyS3\/e\.json: /);
    expect(error.message).toMatch(message);
  });

  it.each([null, 'text', [], 3])('rejects a non-object e.json (%j)', (value) => {
    expect(catchError(() => parseDeclaration(value, where)).code).toBe('INVALID_CONFIG');
  });
});

describe('toFullName', () => {
  it.each([
    ['storages/MyS3', 'storages.MyS3'],
    ['a/b/c/D_1', 'a.b.c.D_1'],
    ['storages\\Win', 'storages.Win'],
    ['/storages/MyS3/', 'storages.MyS3'],
  ])('%s → %s', (folder, fullName) => {
    expect(toFullName(folder)).toBe(fullName);
  });

  it.each(['storages/My-S3', 'storages/1st', 'storages/_x', 'stör/x', 'a/b c'])(
    'rejects %s naming the folder',
    (folder) => {
      const error = catchError(() => toFullName(folder));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.file).toBe(folder);
      expect(error.message).toContain(`"${folder}"`);
      expect(error.message).toMatch(/letters, digits and _/);
    },
  );

  it('rejects the app root itself', () => {
    expect(catchError(() => toFullName('')).message).toMatch(/app root/);
  });
});

describe('eJsonSchema', () => {
  it('is the file shipped for editors', () => {
    const shipped: unknown = JSON.parse(readFileSync(join(__dirname, '../schema/e.schema.json'), 'utf8'));
    expect(shipped).toEqual(eJsonSchema());
  });

  it('describes the declaration fields, title required', () => {
    expect(eJsonSchema()).toMatchObject({
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      properties: { title: { type: 'string' }, backendBundleEntry: { default: '.' } },
    });
  });
});

function catchError(run: () => unknown): ElementError {
  try {
    run();
  } catch (error) {
    if (ElementError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an ElementError');
}
