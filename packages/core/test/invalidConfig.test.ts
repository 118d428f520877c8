import { configIssues, ElementError, invalidConfig, typeCodeRefused, unreadableFile } from '@mti/core';

describe('INVALID_CONFIG messages', () => {
  it('put the place first, then what is wrong, then the fix, and keep the place in fields', () => {
    const error = invalidConfig(
      { element: 'storages.MyS3', file: 'storages/MyS3/MyS3.json', field: 'region' },
      'is wrong',
      { fix: 'set it right', cause: new Error('underneath') },
    );
    expect(ElementError.hasCode(error, 'INVALID_CONFIG')).toBe(true);
    expect(error.message).toBe('storages.MyS3: storages/MyS3/MyS3.json: is wrong; set it right');
    expect(error).toMatchObject({ element: 'storages.MyS3', file: 'storages/MyS3/MyS3.json', field: 'region' });
    expect((error.cause as Error).message).toBe('underneath');
  });

  it('leave out the parts of the place that are not known', () => {
    expect(invalidConfig({ file: 'app.json' }, 'is wrong').message).toBe('app.json: is wrong');
    expect(invalidConfig({}, 'is wrong').message).toBe('is wrong');
  });

  it('list every schema issue and name the first field', () => {
    const error = configIssues({ element: 'x.Y', file: 'x/Y/Y.json' }, [
      { field: 'a.b', message: 'too small' },
      { field: '', message: 'unknown field "c"' },
    ]);
    expect(error.message).toBe('x.Y: x/Y/Y.json: "a.b": too small; unknown field "c"');
    expect(error.field).toBe('a.b');
    expect(configIssues({ element: 'x.Y', file: 'x/Y/Y.json' }, [], { missingFile: true }).message).toBe(
      'x.Y: x/Y/Y.json (the file does not exist): invalid',
    );
  });

  it('suggest permissions only when permissions are the problem', () => {
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    const failed = Object.assign(new Error('io'), { code: 'EIO' });
    expect(unreadableFile({ file: 'a.json' }, denied).message).toBe(
      'a.json: cannot read the file (EACCES); check its permissions',
    );
    expect(unreadableFile({ file: 'a.json' }, failed).message).toBe('a.json: cannot read the file (EIO)');
  });

  it('keep a reason for Type code that another message wraps free of the place it repeats', () => {
    const reason = typeCodeRefused('storages/T/index.ts', 'its import ended the worker thread');
    expect(reason.message).toBe('its import ended the worker thread');
    expect(reason.file).toBe('storages/T/index.ts');
  });
});
