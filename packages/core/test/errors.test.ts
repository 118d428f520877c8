import { ElementError, ElementNotFoundError, ErrorCode, StorageError, scrubSecrets } from '@mti/core';

describe('ElementError', () => {
  it('carries a stable code and where the problem is', () => {
    const error = new ElementError({
      code: ErrorCode.INVALID_CONFIG,
      message: 'm',
      element: 'a.B',
      file: 'a/B/B.json',
      field: 'x',
    });
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      element: 'a.B',
      file: 'a/B/B.json',
      field: 'x',
      name: 'ElementError',
    });
    expect(ElementError.hasCode(error, 'INVALID_CONFIG')).toBe(true);
    expect(ElementError.hasCode(error, 'NOT_FOUND')).toBe(false);
  });

  it('is() recognises errors from a second copy of the package, where instanceof cannot', () => {
    let Copy: typeof ElementError | undefined;
    let CopyStorage: typeof StorageError | undefined;
    jest.isolateModules(() => {
      // A fresh module registry loads the classes again, as a duplicate package install would.
      ({ ElementError: Copy, StorageError: CopyStorage } = require('../src/index') as typeof import('../src/index'));
    });
    expect(Copy).toBeDefined();
    expect(Copy).not.toBe(ElementError);
    const foreign = new CopyStorage!({
      code: 'NOT_FOUND',
      element: 'a.B',
      storageType: 't.T',
      operation: 'download',
      key: 'k',
      detail: 'd',
    });
    expect(foreign instanceof ElementError).toBe(false);
    expect(ElementError.is(foreign)).toBe(true);
    expect(StorageError.is(foreign)).toBe(true);
    expect(StorageError.is(new ElementError({ code: 'UNKNOWN', message: 'x' }))).toBe(false);
    expect(ElementError.is({ code: 'NOT_FOUND', message: 'lookalike' })).toBe(false);
    expect(ElementError.is(null)).toBe(false);
  });
});

describe('StorageError', () => {
  it('reads as element (type): operation "key" failed: CODE: detail', () => {
    const cause = new Error('NoSuchKey');
    const error = new StorageError({
      code: 'NOT_FOUND',
      element: 'storages.MyS3',
      storageType: 'storages.AwsS3Type',
      operation: 'download',
      key: 'docs/a.pdf',
      detail: 'no such object in bucket "reports"',
      cause,
    });
    expect(error.message).toBe(
      'storages.MyS3 (storages.AwsS3Type): download "docs/a.pdf" failed: NOT_FOUND: no such object in bucket "reports"',
    );
    expect(error).toMatchObject({
      storageType: 'storages.AwsS3Type',
      element: 'storages.MyS3',
      operation: 'download',
      key: 'docs/a.pdf',
      cause,
    });
    expect(error).toBeInstanceOf(ElementError);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'NOT_FOUND',
      operation: 'download',
      key: 'docs/a.pdf',
    });
  });

  it('leaves the key out when an operation has none', () => {
    const error = new StorageError({
      code: 'UNAVAILABLE',
      element: 'e.E',
      storageType: 't.T',
      operation: 'list',
      detail: 'down',
    });
    expect(error.message).toBe('e.E (t.T): list failed: UNAVAILABLE: down');
  });
});

describe('ElementNotFoundError', () => {
  it('is NOT_FOUND and lists suggestions', () => {
    const error = new ElementNotFoundError('storages.Mys3', ['storages.MyS3']);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('no element "storages.Mys3" in this app; did you mean "storages.MyS3"?');
  });
});

describe('scrubSecrets', () => {
  it('replaces secret values in messages, stacks, nested fields and causes', () => {
    const inner = Object.assign(new Error('canonical request had x-amz-security-token:TOKEN-1234'), {
      $metadata: { note: 'TOKEN-1234' },
    });
    const outer = new Error('signature for SECRET-5678 failed', { cause: inner });
    scrubSecrets(outer, ['SECRET-5678', 'TOKEN-1234', 'ab']);
    expect(outer.message).toBe('signature for REDACTED failed');
    expect(outer.stack).not.toContain('SECRET-5678');
    expect(inner.message).toBe('canonical request had x-amz-security-token:REDACTED');
    expect(inner.$metadata.note).toBe('REDACTED');
  });
});
